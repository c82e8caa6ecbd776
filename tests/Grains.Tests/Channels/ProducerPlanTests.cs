using Cluster.Grains.Channels;

namespace Cluster.Grains.Tests.Channels;

public sealed class ProducerPlanTests
{
    private static readonly ProducerOptions Options = new() { AllowedHosts = ["metrics.internal", "*.example.com"], MaxProducers = 2 };

    [Fact]
    public void Read_AllowedProducers_GivesTheirSpecs()
    {
        var (producers, error) = ProducerPlan.Read(
            """{"producers":[{"channel":"cpu","url":"http://metrics.internal/cpu","intervalSeconds":2},{"channel":"ram","url":"https://a.example.com/ram"}]}""", "1.0.4", Options);

        Assert.Null(error);
        Assert.Equal(["cpu", "ram"], producers.Select(producer => producer.Channel));
        Assert.Equal(TimeSpan.FromSeconds(2), producers[0].Interval);
        Assert.Equal(ProducerPlan.DefaultInterval, producers[1].Interval);
        Assert.Equal("1.0.4", producers[0].ConfigVersion);
    }

    [Theory]
    [InlineData("""{"producers":[{"channel":"cpu","url":"http://elsewhere.net/cpu"}]}""", "Channels:Producers:AllowedHosts")]
    [InlineData("""{"producers":[{"channel":"cpu","url":"http://example.com.evil.net/"}]}""", "Channels:Producers:AllowedHosts")]
    [InlineData("""{"producers":[{"channel":"config.endpoints","url":"http://metrics.internal/"}]}""", "outside 'config.*'")]
    [InlineData("""{"producers":[{"channel":"cpu","url":"http://user:pw@metrics.internal/"}]}""", "no credentials")]
    [InlineData("""{"producers":[{"channel":"cpu","url":"http://metrics.internal/","intervalSeconds":0.1}]}""", "intervalSeconds")]
    [InlineData("""{"producers":[{"channel":"cpu","url":"http://metrics.internal/a"},{"channel":"cpu","url":"http://metrics.internal/b"}]}""", "two producers")]
    [InlineData("""{"producers":[{"channel":"a","url":"http://metrics.internal/"},{"channel":"b","url":"http://metrics.internal/"},{"channel":"c","url":"http://metrics.internal/"}]}""", "MaxProducers")]
    public void Read_ProducerThisSiloCannotRun_SaysWhy(string document, string expected)
    {
        var (producers, error) = ProducerPlan.Read(document, "1.0.0", Options);

        Assert.Empty(producers);
        Assert.Contains(expected, error);
    }
}

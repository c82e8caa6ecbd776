using Cluster.Runtime.Membership;

namespace Cluster.Runtime.Tests.Membership;

public sealed class SiloAddressTests
{
    [Theory]
    [InlineData("10.0.0.5", 11111, 170000000000L, "10.0.0.5:11111@170000000000")]
    [InlineData("Silo-1.Cluster.Local", 1, 1L, "silo-1.cluster.local:1@1")]
    [InlineData("::1", 65535, 42L, "[::1]:65535@42")]
    [InlineData("fe80::1%eth0", 30000, 7L, "[fe80::1%eth0]:30000@7")]
    public void ToString_ThenParse_RoundTrips(string host, int port, long generation, string text)
    {
        var address = new SiloAddress(host, port, generation);

        Assert.Equal(text, address.ToString());
        Assert.Equal(address, SiloAddress.Parse(text));
        Assert.True(SiloAddress.TryParse(text, out var parsed));
        Assert.Equal(address, parsed);
    }

    [Fact]
    public void Parse_UnbracketedIpv6_TakesTheLastColonAsThePortSeparator()
    {
        Assert.Equal(new SiloAddress("::1", 11111, 5), SiloAddress.Parse("::1:11111@5"));
    }

    [Theory]
    [InlineData("", "A silo address cannot be empty; use the form 'host:port@generation'")]
    [InlineData("10.0.0.5:11111", "'10.0.0.5:11111' is not a silo address: it lacks the '@generation' part;")]
    [InlineData("10.0.0.5@12", "'10.0.0.5@12' is not a silo address: it lacks the ':port' part;")]
    [InlineData(":11111@12", "':11111@12' is not a silo address: The host is empty.")]
    [InlineData("a b:11111@12", "'a b:11111@12' is not a silo address: The host 'a b' contains U+0020,")]
    [InlineData("x:0@12", "'x:0@12' is not a silo address: the port '0' is not a number from 1 to 65535;")]
    [InlineData("x:65536@12", "the port '65536' is not a number from 1 to 65535;")]
    [InlineData("x:+80@12", "the port '+80' is not a number")]
    [InlineData("x:80@", "the generation '' is not a positive whole number;")]
    [InlineData("x:80@0", "the generation '0' is not a positive whole number;")]
    [InlineData("x:80@-3", "the generation '-3' is not a positive whole number;")]
    [InlineData("x:80@1.5", "the generation '1.5' is not a positive whole number;")]
    public void Parse_BadText_ThrowsFormatExceptionSayingWhatIsWrong(string text, string expected)
    {
        var exception = Assert.Throws<FormatException>(() => SiloAddress.Parse(text));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        Assert.EndsWith("such as '10.0.0.5:11111@170000000000' or '[::1]:11111@170000000000'.", exception.Message, StringComparison.Ordinal);
        Assert.False(SiloAddress.TryParse(text, out _));
    }

    [Fact]
    public void TryParse_Null_ReturnsFalse()
    {
        Assert.False(SiloAddress.TryParse(null, out var address));
        Assert.Null(address);
    }

    [Fact]
    public void Constructor_InvalidParts_ThrowNamingTheArgument()
    {
        Assert.Equal("host", Assert.Throws<ArgumentException>(() => new SiloAddress("a@b", 1, 1)).ParamName);
        Assert.Equal("port", Assert.Throws<ArgumentOutOfRangeException>(() => new SiloAddress("a", 0, 1)).ParamName);
        Assert.Equal("generation", Assert.Throws<ArgumentOutOfRangeException>(() => new SiloAddress("a", 1, 0)).ParamName);
    }

    [Fact]
    public void IsSameEndpoint_DifferentGenerations_IsTrueButAddressesDiffer()
    {
        var first = new SiloAddress("Host", 11111, 1);
        var restarted = new SiloAddress("host", 11111, 2);

        Assert.True(first.IsSameEndpoint(restarted));
        Assert.NotEqual(first, restarted);
        Assert.False(first.IsSameEndpoint(new SiloAddress("host", 11112, 1)));
        Assert.Equal(first, new SiloAddress("HOST", 11111, 1));
        Assert.Equal(first.GetHashCode(), new SiloAddress("HOST", 11111, 1).GetHashCode());
    }

    [Fact]
    public void Create_SameMillisecond_GenerationsStillIncrease()
    {
        var clock = new FixedTimeProvider(SiloAddress.GenerationEpoch.AddDays(2000));

        var addresses = Enumerable.Range(0, 5).Select(_ => SiloAddress.Create("10.0.0.1", 11111, clock)).ToArray();

        Assert.True(addresses.Zip(addresses.Skip(1)).All(pair => pair.Second.Generation > pair.First.Generation));
        Assert.True(addresses[0].Generation >= (long)TimeSpan.FromDays(2000).TotalMilliseconds);
    }

    [Fact]
    public void GenerationAfter_ClockBehindPrevious_ExceedsPrevious()
    {
        var now = SiloAddress.GenerationEpoch.AddSeconds(10);

        Assert.Equal(10_000, SiloAddress.GenerationAfter(0, now));
        Assert.Equal(10_000, SiloAddress.GenerationAfter(9_999, now));
        Assert.Equal(20_001, SiloAddress.GenerationAfter(20_000, now));
    }

    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}

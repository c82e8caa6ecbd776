using System.Net;
using Cluster.ApiHost.Tests.Chats;

namespace Cluster.ApiHost.Tests.Feedback;

[Collection(IdentityClusterCollection.Name)]
public sealed class FeedbackEndpointTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Give_SignedInOrNot_IsReadByReviewersNewestFirst()
    {
        var reviewer = ApiClient.NewEmail("reviewer");
        await using var host = cluster.CreateApiHost(new Dictionary<string, string?> { ["Chat:Feedback:ReviewerEmails"] = $"someone@example.com, {reviewer.ToUpperInvariant()}" });
        using var api = new ApiClient(host.CreateClient());
        var user = await api.RegisterNewAsync();
        var reviewerTokens = await api.RegisterNewAsync(reviewer);
        var marker = Guid.NewGuid().ToString();

        using var anonymous = await api.SendJsonAsync(HttpMethod.Post, "/api/feedback", new { rating = 4, feedback = $"{marker} first" }, token: null);
        using var signedIn = await api.SendJsonAsync(HttpMethod.Post, "/api/feedback", new { rating = 2, feedback = $"{marker} second" }, user.AccessToken);
        var page = await api.GetJsonAsync("/api/feedback/review?limit=2&offset=0", reviewerTokens.AccessToken);
        using var notReviewer = await api.GetAsync("/api/feedback/review", bearer: user.AccessToken);

        Assert.True((await anonymous.JsonAsync()).GetProperty("ok").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var items = page.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal($"{marker} second", items[0].GetProperty("feedback").GetString());
        Assert.Equal(user.User.Id, items[0].GetProperty("userId").GetString());
        Assert.Equal($"{marker} first", items[1].GetProperty("feedback").GetString());
        Assert.True(page.GetProperty("total").GetInt32() >= 2);
        Assert.Equal(2, page.GetProperty("limit").GetInt32());
        await notReviewer.AssertProblemAsync(403, "forbidden:auth");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(6)]
    public async Task Give_RatingOutOfRange_Is400(int rating)
    {
        using var api = cluster.Client();

        using var response = await api.SendJsonAsync(HttpMethod.Post, "/api/feedback", new { rating }, token: null);

        await response.AssertProblemAsync(400, "bad_request:api");
    }
}

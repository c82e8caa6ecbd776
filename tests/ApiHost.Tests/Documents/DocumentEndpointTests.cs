using System.Net;
using System.Text.Json;
using Cluster.ApiHost.Tests.Chats;
using Cluster.Grains.Interfaces.Documents;

namespace Cluster.ApiHost.Tests.Documents;

[Collection(IdentityClusterCollection.Name)]
public sealed class DocumentEndpointTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Save_TwoVersions_AreListedOldestFirstAndEachSaveAnswersAnArray()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        var id = ChatApi.NewId();

        using var first = await api.SendJsonAsync(HttpMethod.Post, $"/api/document?id={id}", new { title = "Draft", kind = "text", content = "one" }, user.AccessToken);
        using var second = await api.SendJsonAsync(HttpMethod.Post, $"/api/document?id={id}", new { title = "Draft", kind = "code", content = "two \"quoted\" ✓" }, user.AccessToken);
        var saved = await second.JsonAsync();
        var versions = await api.GetJsonAsync($"/api/document?id={id}", user.AccessToken);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(JsonValueKind.Array, saved.ValueKind);
        Assert.Equal(["id", "createdAt", "title", "content", "kind", "userId"], saved[0].EnumerateObject().Select(property => property.Name));
        Assert.Equal(["one", "two \"quoted\" ✓"], versions.EnumerateArray().Select(version => version.GetProperty("content").GetString()));
        Assert.Equal(["text", "code"], versions.EnumerateArray().Select(version => version.GetProperty("kind").GetString()));
        Assert.Equal(saved[0].GetProperty("createdAt").GetString(), versions[1].GetProperty("createdAt").GetString());
    }

    [Fact]
    public async Task Delete_AfterAVersionsUnencodedTimestamp_RemovesOnlyTheLaterVersions()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();
        var id = ChatApi.NewId();
        foreach (var content in (string[])["a", "b", "c"])
        {
            using var saved = await api.SendJsonAsync(HttpMethod.Post, $"/api/document?id={id}", new { title = "T", kind = "text", content }, user.AccessToken);
        }

        var versions = await api.GetJsonAsync($"/api/document?id={id}", user.AccessToken);
        var firstTimestamp = versions[0].GetProperty("createdAt").GetString();

        using var deleted = await api.SendAsync(HttpMethod.Delete, $"/api/document?id={id}&timestamp={firstTimestamp}", bearer: user.AccessToken);
        var removed = await deleted.JsonAsync();
        var left = await api.GetJsonAsync($"/api/document?id={id}", user.AccessToken);

        Assert.Equal(["b", "c"], removed.EnumerateArray().Select(version => version.GetProperty("content").GetString()));
        Assert.Equal(["a"], left.EnumerateArray().Select(version => version.GetProperty("content").GetString()));
    }

    [Fact]
    public async Task Routes_WithoutIdOrTimestampOrByAnotherUser_AreRefusedWithTheContractsCodes()
    {
        using var api = cluster.Client();
        var owner = await api.RegisterNewAsync();
        var other = await api.RegisterNewAsync();
        var id = ChatApi.NewId();
        using var created = await api.SendJsonAsync(HttpMethod.Post, $"/api/document?id={id}", new { title = "Mine", kind = "sheet", content = "a,b" }, owner.AccessToken);

        using var noId = await api.GetAsync("/api/document", bearer: owner.AccessToken);
        using var missing = await api.GetAsync($"/api/document?id={ChatApi.NewId()}", bearer: owner.AccessToken);
        using var foreignRead = await api.GetAsync($"/api/document?id={id}", bearer: other.AccessToken);
        using var foreignSave = await api.SendJsonAsync(HttpMethod.Post, $"/api/document?id={id}", new { title = "Theirs", kind = "text", content = "x" }, other.AccessToken);
        using var badKind = await api.SendJsonAsync(HttpMethod.Post, $"/api/document?id={id}", new { title = "Mine", kind = "video", content = "x" }, owner.AccessToken);
        using var noTimestamp = await api.SendAsync(HttpMethod.Delete, $"/api/document?id={id}", bearer: owner.AccessToken);
        using var anonymous = await api.GetAsync($"/api/document?id={id}");

        await noId.AssertProblemAsync(400, "bad_request:api");
        await missing.AssertProblemAsync(404, "not_found:document");
        await foreignRead.AssertProblemAsync(403, "forbidden:document");
        await foreignSave.AssertProblemAsync(403, "forbidden:document");
        await badKind.AssertProblemAsync(400, "bad_request:document");
        await noTimestamp.AssertProblemAsync(400, "bad_request:api");
        await anonymous.AssertProblemAsync(401, "unauthorized:document");
    }

    [Fact]
    public async Task Suggestions_OfOwnDocument_AreListedAndAnotherUsersAreForbidden()
    {
        using var api = cluster.Client();
        var owner = await api.RegisterNewAsync();
        var other = await api.RegisterNewAsync();
        var id = ChatApi.NewId();
        using var created = await api.SendJsonAsync(HttpMethod.Post, $"/api/document?id={id}", new { title = "Essay", kind = "text", content = "teh cat" }, owner.AccessToken);
        var client = await cluster.Cluster.CreateClientAsync();
        await client.GetGrain<IDocumentGrain>(id).AddSuggestionsAsync([new NewSuggestion("teh", "the", "spelling")]);

        var suggestions = await api.GetJsonAsync($"/api/chat/suggestions?documentId={id}", owner.AccessToken);
        var none = await api.GetJsonAsync($"/api/chat/suggestions?documentId={ChatApi.NewId()}", owner.AccessToken);
        using var foreign = await api.GetAsync($"/api/chat/suggestions?documentId={id}", bearer: other.AccessToken);
        using var noId = await api.GetAsync("/api/chat/suggestions", bearer: owner.AccessToken);

        var suggestion = Assert.Single(suggestions.EnumerateArray());
        Assert.Equal("the", suggestion.GetProperty("suggestedText").GetString());
        Assert.False(suggestion.GetProperty("isResolved").GetBoolean());
        Assert.Equal(0, none.GetArrayLength());
        await foreign.AssertProblemAsync(403, "forbidden:api");
        await noId.AssertProblemAsync(400, "bad_request:api");
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Cluster.ApiHost.Tests.Chats;

namespace Cluster.ApiHost.Tests.Files;

[Collection(IdentityClusterCollection.Name)]
public sealed class FileEndpointTests(IdentityClusterFixture cluster)
{
    private static readonly byte[] PngHead = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task Upload_PngOfSeveralChunks_IsServedBackByteForByteFromAnotherApiHost()
    {
        using var api = cluster.Client();
        using var other = cluster.Client(second: true);
        var user = await api.RegisterNewAsync();
        var bytes = Image(PngHead, 700_000);

        using var uploaded = await UploadAsync(api, user.AccessToken, bytes, "photo ✓.png", "image/png");
        var answer = await uploaded.JsonAsync();
        using var served = await other.GetAsync(answer.GetProperty("url").GetString()!);

        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        Assert.Equal("photo ✓.png", answer.GetProperty("pathname").GetString());
        Assert.Equal("image/png", answer.GetProperty("contentType").GetString());
        Assert.Equal(bytes, await served.Content.ReadAsByteArrayAsync());
        Assert.Equal("image/png", served.Content.Headers.ContentType?.MediaType);
        Assert.Equal("inline", served.Content.Headers.ContentDisposition?.DispositionType);
    }

    [Fact]
    public async Task Upload_Refusals_SayWhatIsWrongAsTheFrontendReadsIt()
    {
        using var api = cluster.Client();
        var user = await api.RegisterNewAsync();

        using var pdf = await UploadAsync(api, user.AccessToken, Image("%PDF-1.7"u8.ToArray(), 1000), "a.png", "image/png");
        using var tooBig = await UploadAsync(api, user.AccessToken, Image(PngHead, (5 * 1024 * 1024) + 1), "big.png", "image/png");
        using var empty = await api.SendAsync(HttpMethod.Post, "/api/files/upload", new MultipartFormDataContent(), user.AccessToken);
        using var anonymous = await UploadAsync(api, null, Image(PngHead, 100), "a.png", "image/png");
        using var missing = await api.GetAsync($"/api/files/{ChatApi.NewId()}");

        Assert.Equal("File type should be JPEG or PNG", await ErrorOf(pdf, HttpStatusCode.BadRequest));
        Assert.Equal("File size should be less than 5MB", await ErrorOf(tooBig, HttpStatusCode.BadRequest));
        Assert.Equal("No file uploaded", await ErrorOf(empty, HttpStatusCode.BadRequest));
        Assert.Equal("Unauthorized", await ErrorOf(anonymous, HttpStatusCode.Unauthorized));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static byte[] Image(byte[] head, int length)
    {
        var bytes = new byte[length];
        Random.Shared.NextBytes(bytes);
        head.CopyTo(bytes, 0);
        return bytes;
    }

    private static Task<HttpResponseMessage> UploadAsync(ApiClient api, string? token, byte[] bytes, string name, string contentType)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        var form = new MultipartFormDataContent { { file, "file", name } };
        return api.SendAsync(HttpMethod.Post, "/api/files/upload", form, token);
    }

    private static async Task<string?> ErrorOf(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("error").GetString();
    }
}

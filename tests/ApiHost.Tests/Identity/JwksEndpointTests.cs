using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;

namespace Cluster.ApiHost.Tests.Identity;

public sealed class JwksEndpointTests
{
    [Fact]
    public async Task Get_StartedHost_PublishesTheSigningKeyWithoutItsPrivatePart()
    {
        await using var factory = new EmbeddedApiHostFactory(EmbeddedApiHostFactory.NewDatabasePath());
        using var client = factory.CreateClient();

        var response = await client.GetAsync("/.well-known/jwks.json");
        var body = await response.Content.ReadAsStringAsync();
        var set = await response.Content.ReadFromJsonAsync<JsonWebKeySetResponse>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=300", response.Headers.CacheControl?.ToString());
        var key = Assert.Single(set!.Keys);
        var current = (await factory.Services.GetRequiredService<IGrainFactory>().GetGrain<ISigningKeysGrain>(SigningKeyLimits.GrainKey).GetKeysAsync())[0];
        Assert.Equal(current.KeyId, key.Kid);
        Assert.Equal(("RSA", "sig", "RS256"), (key.Kty, key.Use, key.Alg));
        using var rsa = RSA.Create();
        rsa.ImportFromPem(current.PrivateKeyPem);
        Assert.Equal(Base64UrlEncoder.Encode(rsa.ExportParameters(false).Modulus), key.N);
        Assert.DoesNotContain("\"d\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("\"p\"", body, StringComparison.Ordinal);
    }
}

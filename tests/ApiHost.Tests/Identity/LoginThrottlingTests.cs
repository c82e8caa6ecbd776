using System.Net;

namespace Cluster.ApiHost.Tests.Identity;

[Collection(IdentityClusterCollection.Name)]
public sealed class LoginThrottlingTests(IdentityClusterFixture cluster)
{
    [Fact]
    public async Task Login_FiveWrongPasswords_LocksTheAccountEvenForTheRightOne()
    {
        using var api = cluster.Client();
        var email = ApiClient.NewEmail();
        await api.RegisterNewAsync(email);

        for (var attempt = 0; attempt < 5; attempt++)
        {
            using var wrong = await api.LoginAsync(email, "not the password at all");
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        using var locked = await api.LoginAsync(email);

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        Assert.InRange(locked.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }
}

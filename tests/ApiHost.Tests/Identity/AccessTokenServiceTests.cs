using System.Security.Cryptography;
using System.Text;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Identity;
using Cluster.Runtime.Testing;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cluster.ApiHost.Tests.Identity;

public sealed class AccessTokenServiceTests : IAsyncLifetime
{
    private static readonly UserInfo User = new("u-1", "ada@example.com", UserType.Regular, UserRole.Admin, true, ShiftedClock.Start, 3, []);
    private readonly ShiftedClock _clock = new();
    private TestSilo? _silo;

    public async Task InitializeAsync() => _silo = await TestSilo.StartAsync();

    public async Task DisposeAsync() => await _silo!.DisposeAsync();

    [Fact]
    public async Task ValidateAsync_TokenJustIssued_PassesWithTheUsersClaims()
    {
        var service = NewService();
        var (token, expiresAt) = await service.IssueAsync(User, "s-1", default);

        var check = await service.ValidateAsync(token, default);

        Assert.True(check.IsValid, check.Failure);
        Assert.Equal("u-1", check.Principal!.Identity!.Name);
        Assert.True(check.Principal.IsInRole("admin"));
        Assert.Equal("regular", check.Principal.FindFirst(AccessTokenClaims.UserType)!.Value);
        Assert.Equal("s-1", check.Principal.FindFirst(AccessTokenClaims.Session)!.Value);
        Assert.Equal("3", check.Principal.FindFirst(AccessTokenClaims.SessionVersion)!.Value);
        Assert.Equal(_clock.GetUtcNow() + TimeSpan.FromMinutes(15), expiresAt);
        Assert.Equal("RS256", new JsonWebToken(token).Alg);
    }

    [Fact]
    public async Task ValidateAsync_AlgNone_IsRefused()
    {
        var service = NewService();
        var (token, _) = await service.IssueAsync(User, "s-1", default);
        var payload = token.Split('.')[1];

        var unsigned = $"{Base64UrlEncoder.Encode("""{"alg":"none","typ":"JWT"}""")}.{payload}.";

        Assert.False((await service.ValidateAsync(unsigned, default)).IsValid);
    }

    [Fact]
    public async Task ValidateAsync_Hs256SignedWithThePublicKey_IsRefused()
    {
        var service = NewService();
        var keys = await _silo!.GrainFactory.GetGrain<ISigningKeysGrain>(SigningKeyLimits.GrainKey).GetKeysAsync();
        using var rsa = RSA.Create();
        rsa.ImportFromPem(keys[0].PrivateKeyPem);
        var publicKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(rsa.ExportSubjectPublicKeyInfoPem())) { KeyId = keys[0].KeyId };

        var forged = Forge(new SigningCredentials(publicKey, SecurityAlgorithms.HmacSha256));

        Assert.False((await service.ValidateAsync(forged, default)).IsValid);
    }

    [Fact]
    public async Task ValidateAsync_SignedByAnUnknownKey_IsRefused()
    {
        var service = NewService();
        using var rsa = RSA.Create(2048);

        var forged = Forge(new SigningCredentials(new RsaSecurityKey(rsa) { KeyId = "made-up" }, SecurityAlgorithms.RsaSha256));

        Assert.False((await service.ValidateAsync(forged, default)).IsValid);
    }

    [Fact]
    public async Task ValidateAsync_PayloadTampered_IsRefused()
    {
        var service = NewService();
        var (token, _) = await service.IssueAsync(User with { Role = UserRole.User }, "s-1", default);
        var parts = token.Split('.');
        var payload = Base64UrlEncoder.Decode(parts[1]).Replace("\"user\"", "\"admin\"", StringComparison.Ordinal);

        var tampered = $"{parts[0]}.{Base64UrlEncoder.Encode(payload)}.{parts[2]}";

        Assert.False((await service.ValidateAsync(tampered, default)).IsValid);
    }

    [Fact]
    public async Task ValidateAsync_Expired_IsRefusedOnceTheSkewHasPassed()
    {
        var service = NewService();
        var (token, _) = await service.IssueAsync(User, "s-1", default);

        _clock.Advance(TimeSpan.FromMinutes(15) + TimeSpan.FromSeconds(29));
        var withinSkew = await service.ValidateAsync(token, default);
        _clock.Advance(TimeSpan.FromSeconds(2));
        var expired = await service.ValidateAsync(token, default);

        Assert.True(withinSkew.IsValid, withinSkew.Failure);
        Assert.False(expired.IsValid);
    }

    [Fact]
    public async Task ValidateAsync_NotYetValid_IsRefused()
    {
        var service = NewService();
        var (token, _) = await service.IssueAsync(User, "s-1", default);

        _clock.Advance(TimeSpan.FromMinutes(-1));

        Assert.False((await service.ValidateAsync(token, default)).IsValid);
    }

    [Theory]
    [InlineData("another-issuer", "cluster-api")]
    [InlineData("cluster", "another-audience")]
    public async Task ValidateAsync_IssuedForAnotherIssuerOrAudience_IsRefused(string issuer, string audience)
    {
        var (token, _) = await NewService(new AccessTokenOptions { Issuer = issuer, Audience = audience }).IssueAsync(User, "s-1", default);

        Assert.False((await NewService().ValidateAsync(token, default)).IsValid);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a token")]
    [InlineData("a.b")]
    public async Task ValidateAsync_NotAJwt_IsRefused(string token)
    {
        Assert.False((await NewService().ValidateAsync(token, default)).IsValid);
    }

    private AccessTokenService NewService(AccessTokenOptions? options = null) =>
        new(new SigningKeyCache(_silo!.GrainFactory, _clock), Options.Create(options ?? new AccessTokenOptions()), _clock);

    private string Forge(SigningCredentials credentials) => new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
    {
        Issuer = "cluster",
        Audience = "cluster-api",
        IssuedAt = _clock.GetUtcNow().UtcDateTime,
        NotBefore = _clock.GetUtcNow().UtcDateTime,
        Expires = _clock.GetUtcNow().UtcDateTime.AddMinutes(10),
        SigningCredentials = credentials,
        Claims = new Dictionary<string, object> { [AccessTokenClaims.Subject] = "u-1", [AccessTokenClaims.Role] = "admin" },
    });
}

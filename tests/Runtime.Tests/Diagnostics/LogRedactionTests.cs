using Cluster.Runtime.Diagnostics;

namespace Cluster.Runtime.Tests.Diagnostics;

public sealed class LogRedactionTests
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.c2lnbmF0dXJlLXBhcnQ";

    [Theory]
    [InlineData("Authorization: Bearer abc.def-123", "Authorization: Bearer [redacted]")]
    [InlineData("header basic dXNlcjpwYXNz was sent", "header basic [redacted] was sent")]
    [InlineData("GET /api/auth/validate?token=s3cr3t&x=1", "GET /api/auth/validate?token=[redacted]&x=1")]
    [InlineData("Host=db;Username=app;Password=hunter2;Database=cluster", "Host=db;Username=app;Password=[redacted];Database=cluster")]
    [InlineData("{\"email\":\"a@b.c\",\"password\": \"correct horse\"}", "{\"email\":\"a@b.c\",\"password\": \"[redacted]\"}")]
    [InlineData("refresh_token: r-123 and api_key=k-9", "refresh_token: [redacted] and api_key=[redacted]")]
    [InlineData("Dashboard:OperatorToken=0123456789abcdef", "Dashboard:OperatorToken=[redacted]")]
    public void Redact_CredentialInText_ReplacesOnlyTheValue(string text, string expected)
    {
        var redacted = LogRedaction.Redact(text);

        Assert.Equal(expected, redacted);
    }

    [Fact]
    public void Redact_JwtAnywhere_RemovesTheWholeToken()
    {
        var redacted = LogRedaction.Redact($"signed in with {Jwt} from 10.0.0.1");

        Assert.Equal("signed in with [redacted] from 10.0.0.1", redacted);
    }

    [Fact]
    public void Redact_JwtAsBearer_KeepsNoPartOfIt()
    {
        var redacted = LogRedaction.Redact($"Bearer {Jwt}");

        Assert.DoesNotContain("eyJ", redacted, StringComparison.Ordinal);
        Assert.DoesNotContain("c2lnbmF0dXJl", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Silo 10.0.0.1:11111@5 joined the cluster")]
    [InlineData("Grain user/1 was deactivated after 00:15:00")]
    [InlineData("Calls of chat/42: 17 in 2 s")]
    [InlineData("Some basic information about the silo")]
    public void Redact_OrdinaryLine_LeavesItAsItIs(string text)
    {
        var redacted = LogRedaction.Redact(text);

        Assert.Equal(text, redacted);
    }

    [Fact]
    public void Redact_RedactedLine_StaysTheSame()
    {
        var once = LogRedaction.Redact("password=abc Bearer xyz");

        var twice = LogRedaction.Redact(once);

        Assert.Equal(once, twice);
    }
}

using Cluster.Runtime.Tests.Infrastructure;
using Cluster.Runtime.Transport;
using Microsoft.Extensions.Options;

namespace Cluster.Runtime.Tests.Transport;

public sealed class TransportTlsOptionsTests : IDisposable
{
    private readonly TestCertificates _certificates = new();

    [Theory]
    [InlineData("missing.pfx", "could not be loaded")]
    [InlineData("cluster.crt", "could not be loaded")]
    [InlineData("cluster-public.pfx", "has no private key")]
    public void Validate_UnusableCertificate_FailsNamingTheSetting(string file, string problem)
    {
        _certificates.Create("cluster");
        var options = new TransportOptions { Tls = { CertificatePath = _certificates.PathOf(file) } };

        var result = new TransportOptionsValidator().Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains("Transport:Tls:CertificatePath", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(problem, result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PasswordProtectedPfxWithItsPasswordAndAuthority_Passes()
    {
        var (pfx, authority) = _certificates.Create("cluster", password: "secret");
        var options = new TransportOptions { Tls = { CertificatePath = pfx, CertificatePassword = "secret", CertificateAuthorityPath = authority } };

        var result = new TransportOptionsValidator().Validate(Options.DefaultName, options);

        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Validate_AuthorityFileMissing_FailsNamingTheSetting()
    {
        var (pfx, _) = _certificates.Create("cluster");
        var options = new TransportOptions { Tls = { CertificatePath = pfx, CertificateAuthorityPath = _certificates.PathOf("missing-ca.crt") } };

        var result = new TransportOptionsValidator().Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains("Transport:Tls:CertificateAuthorityPath", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TlsWithoutAuthority_FailsNamingTheSetting()
    {
        var (pfx, _) = _certificates.Create("cluster");
        var options = new TransportOptions { Tls = { CertificatePath = pfx } };

        var result = new TransportOptionsValidator().Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains("Transport:Tls:CertificateAuthorityPath is not set", result.FailureMessage, StringComparison.Ordinal);
    }

    public void Dispose() => _certificates.Dispose();
}

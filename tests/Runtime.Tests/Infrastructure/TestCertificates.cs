using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cluster.Runtime.Tests.Infrastructure;

/// <summary>Self-signed certificates written to files in a temporary folder, deleted on dispose.</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly string _folder = System.IO.Directory.CreateTempSubdirectory("cluster-tls-").FullName;

    /// <summary>
    /// Writes a new self-signed certificate for client and server authentication: the PKCS #12 file with its key
    /// (password <paramref name="password"/>, if any) and the public certificate alone as PEM, its own authority; and
    /// the public certificate alone as <c>{name}-public.pfx</c>.
    /// </summary>
    public (string Pfx, string PublicPem) Create(string name, string? password = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var pfx = Path.Combine(_folder, $"{name}.pfx");
        var pem = Path.Combine(_folder, $"{name}.crt");
        File.WriteAllBytes(pfx, certificate.Export(X509ContentType.Pkcs12, password));
        File.WriteAllText(pem, certificate.ExportCertificatePem());
        using var publicOnly = X509CertificateLoader.LoadCertificate(certificate.RawData);
        File.WriteAllBytes(Path.Combine(_folder, $"{name}-public.pfx"), publicOnly.Export(X509ContentType.Pkcs12));
        return (pfx, pem);
    }

    public string PathOf(string fileName) => Path.Combine(_folder, fileName);

    public void Dispose() => System.IO.Directory.Delete(_folder, recursive: true);
}

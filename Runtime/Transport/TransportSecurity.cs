using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Cluster.Runtime.Transport;

/// <summary>
/// The TLS side of the transport, from <see cref="TransportTlsOptions"/>: wraps each new connection's stream in a
/// mutually authenticated <see cref="SslStream"/> before any frame is exchanged.
/// </summary>
internal sealed class TransportSecurity
{
    private const string Section = $"{TransportOptions.SectionName}:{nameof(TransportOptions.Tls)}";

    // What a peer's certificate must allow, when it says: a silo's serves TLS, a connecting process's authenticates a client.
    private static readonly Oid ServerAuthentication = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly X509Certificate2Collection _authorities;
    private readonly SslStreamCertificateContext _context;

    private TransportSecurity(X509Certificate2 certificate, X509Certificate2Collection authorities)
    {
        _authorities = authorities;
        _context = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
    }

    /// <summary>The security <paramref name="options"/> describe, or null when TLS is off.</summary>
    /// <exception cref="InvalidOperationException">A file is missing or unreadable; the message names the setting.</exception>
    public static TransportSecurity? Create(TransportTlsOptions options)
    {
        if (!options.IsEnabled)
        {
            return null;
        }

        var certificate = LoadCertificate(options);
        if (!certificate.HasPrivateKey)
        {
            throw new InvalidOperationException(
                $"{Section}:{nameof(TransportTlsOptions.CertificatePath)} ({options.CertificatePath}) has no private key; use a .pfx with its key, or set {Section}:{nameof(TransportTlsOptions.KeyPath)} to the PEM key.");
        }

        if (string.IsNullOrWhiteSpace(options.CertificateAuthorityPath))
        {
            // The system's trust store would admit anyone holding a publicly trusted certificate as a member.
            throw new InvalidOperationException(
                $"{Section}:{nameof(TransportTlsOptions.CertificateAuthorityPath)} is not set; with TLS on, set it to the authority that issues this cluster's certificates (for one self-signed certificate shared by every process, that certificate itself).");
        }

        return new TransportSecurity(certificate, LoadAuthorities(options.CertificateAuthorityPath));
    }

    /// <summary>Accepts the TLS handshake of a peer that connected to this process, within <paramref name="timeout"/>.</summary>
    /// <exception cref="TransportException">The handshake failed or the peer's certificate was refused.</exception>
    public Task<Stream> AuthenticateAsServerAsync(Stream stream, string remoteName, TimeSpan timeout, CancellationToken cancellationToken) =>
        HandshakeAsync(stream, remoteName, ClientAuthentication, timeout, cancellationToken, (ssl, token) => ssl.AuthenticateAsServerAsync(
            new SslServerAuthenticationOptions
            {
                ServerCertificateContext = _context,
                ClientCertificateRequired = true,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            },
            token));

    /// <summary>Performs the TLS handshake with the silo at <paramref name="host"/>, within <paramref name="timeout"/>.</summary>
    /// <exception cref="TransportException">The handshake failed or the silo's certificate was refused.</exception>
    public Task<Stream> AuthenticateAsClientAsync(Stream stream, string host, TimeSpan timeout, CancellationToken cancellationToken) =>
        HandshakeAsync(stream, host, ServerAuthentication, timeout, cancellationToken, (ssl, token) => ssl.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = host,
                ClientCertificateContext = _context,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            },
            token));

    private async Task<Stream> HandshakeAsync(
        Stream stream, string remoteName, Oid peerUsage, TimeSpan timeout, CancellationToken cancellationToken, Func<SslStream, CancellationToken, Task> handshake)
    {
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false, (_, certificate, chain, _) => IsTrusted(certificate, chain, peerUsage));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            await handshake(ssl, deadline.Token);
            return ssl;
        }
        catch (Exception exception) when (exception is AuthenticationException or IOException || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            await ssl.DisposeAsync();
            throw new TransportException(
                $"The TLS handshake with {remoteName} failed ({exception.Message}); both sides need {Section} set, with certificates from the same {nameof(TransportTlsOptions.CertificateAuthorityPath)}.", exception);
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }
    }

    private bool IsTrusted(X509Certificate? certificate, X509Chain? presented, Oid usage)
    {
        if (certificate is null)
        {
            return false;
        }

        // Only the cluster's authority counts, and names do not: members are addressed by IP and port. Intermediates
        // the peer sent may complete the chain; nothing is downloaded on an unauthenticated peer's say-so.
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.ApplicationPolicy.Add(usage);
        if (presented is not null)
        {
            foreach (var element in presented.ChainElements.Skip(1))
            {
                chain.ChainPolicy.ExtraStore.Add(element.Certificate);
            }
        }

        using var peer = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return chain.Build(peer);
    }

    private static X509Certificate2 LoadCertificate(TransportTlsOptions options)
    {
        var path = options.CertificatePath!;
        try
        {
            var extension = Path.GetExtension(path);
            return extension.Equals(".pfx", StringComparison.OrdinalIgnoreCase) || extension.Equals(".p12", StringComparison.OrdinalIgnoreCase)
                ? X509CertificateLoader.LoadPkcs12FromFile(path, options.CertificatePassword)
                : X509Certificate2.CreateFromPemFile(path, options.KeyPath is { Length: > 0 } key ? key : null);
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            throw new InvalidOperationException(
                $"{Section}:{nameof(TransportTlsOptions.CertificatePath)} ({path}) could not be loaded: {exception.Message} Set it to a readable .pfx/.p12 (with {nameof(TransportTlsOptions.CertificatePassword)} if it has one) or a PEM certificate with its key.",
                exception);
        }
    }

    private static X509Certificate2Collection LoadAuthorities(string path)
    {
        try
        {
            var authorities = new X509Certificate2Collection();
            var text = File.ReadAllText(path);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
            {
                authorities.ImportFromPem(text);
            }
            else
            {
                authorities.Add(X509CertificateLoader.LoadCertificateFromFile(path));
            }

            return authorities;
        }
        catch (Exception exception) when (exception is CryptographicException or IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException(
                $"{Section}:{nameof(TransportTlsOptions.CertificateAuthorityPath)} ({path}) could not be loaded: {exception.Message} Set it to a readable PEM or DER certificate file.",
                exception);
        }
    }
}

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

    private readonly X509Certificate2Collection? _authorities;
    private readonly SslStreamCertificateContext _context;

    private TransportSecurity(X509Certificate2 certificate, X509Certificate2Collection? authorities)
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

        return new TransportSecurity(certificate, options.CertificateAuthorityPath is { Length: > 0 } path ? LoadAuthorities(path) : null);
    }

    /// <summary>Accepts the TLS handshake of a peer that connected to this process, within <paramref name="timeout"/>.</summary>
    /// <exception cref="TransportException">The handshake failed or the peer's certificate was refused.</exception>
    public Task<Stream> AuthenticateAsServerAsync(Stream stream, string remoteName, TimeSpan timeout, CancellationToken cancellationToken) =>
        HandshakeAsync(stream, remoteName, timeout, cancellationToken, (ssl, token) => ssl.AuthenticateAsServerAsync(
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
        HandshakeAsync(stream, host, timeout, cancellationToken, (ssl, token) => ssl.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = host,
                ClientCertificateContext = _context,
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
            },
            token));

    private async Task<Stream> HandshakeAsync(
        Stream stream, string remoteName, TimeSpan timeout, CancellationToken cancellationToken, Func<SslStream, CancellationToken, Task> handshake)
    {
        var ssl = new SslStream(stream, leaveInnerStreamOpen: false, IsTrusted);
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
                $"The TLS handshake with {remoteName} failed ({exception.Message}); both sides need {Section} set, with certificates the other trusts.", exception);
        }
        catch
        {
            await ssl.DisposeAsync();
            throw;
        }
    }

    private bool IsTrusted(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        if (certificate is null)
        {
            return false;
        }

        if (_authorities is null)
        {
            return errors == SslPolicyErrors.None;
        }

        // Only the cluster's authority counts, and names do not: members are addressed by IP and port.
        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.AddRange(_authorities);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var peer = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        return custom.Build(peer);
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

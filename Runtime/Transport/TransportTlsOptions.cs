namespace Cluster.Runtime.Transport;

/// <summary>
/// TLS on every connection between processes of the cluster (<c>Transport:Tls</c>), off unless
/// <see cref="CertificatePath"/> is set. Both sides of each connection present a certificate and check the other's,
/// so set it alike on every silo and client of the cluster.
/// </summary>
public sealed class TransportTlsOptions
{
    /// <summary>
    /// This process's certificate with its private key: a PKCS #12 file (<c>.pfx</c>, <c>.p12</c>) or a PEM file, the
    /// key in the same file or in <see cref="KeyPath"/>. Unset (the default) leaves the transport in plain TCP.
    /// </summary>
    public string? CertificatePath { get; set; }

    /// <summary>The PEM private key of a PEM certificate kept in a file of its own; unset when the key is in the certificate file.</summary>
    public string? KeyPath { get; set; }

    /// <summary>The password of a PKCS #12 certificate file; unset for none. Supply it from a secret store, not a committed file.</summary>
    public string? CertificatePassword { get; set; }

    /// <summary>
    /// The authority (PEM or DER, one or more certificates) whose certificates the peers must present; required with
    /// TLS on. Any certificate it issued is taken as a member of the cluster, whatever name it carries (silos reach each
    /// other by address), so use an authority that issues for this cluster alone; a self-signed certificate shared by
    /// every process is its own authority.
    /// </summary>
    public string? CertificateAuthorityPath { get; set; }

    /// <summary>True when TLS is configured.</summary>
    public bool IsEnabled => !string.IsNullOrWhiteSpace(CertificatePath);
}

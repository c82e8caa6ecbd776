namespace Cluster.ApiHost.Widgets;

/// <summary>Why a bundle could not be registered or served.</summary>
public enum WidgetFailure
{
    /// <summary>The name, scope or version is not one that may be registered.</summary>
    Invalid,

    /// <summary>The registry has no such package or version.</summary>
    NotFound,

    /// <summary>A download would leave the allowed hosts.</summary>
    HostNotAllowed,

    /// <summary>The registry or the tarball's host failed, or answered nonsense.</summary>
    Registry,

    /// <summary>The tarball is larger than allowed.</summary>
    TooLarge,

    /// <summary>The tarball does not match its integrity.</summary>
    Integrity,

    /// <summary>This host's cache directory could not be written.</summary>
    Storage,

    /// <summary>The archive is unsafe (paths leaving the bundle, links, too many files or bytes) or malformed.</summary>
    UnsafeArchive,
}

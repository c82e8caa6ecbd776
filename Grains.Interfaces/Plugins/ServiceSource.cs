namespace Cluster.Grains.Interfaces.Plugins;

/// <summary>Where a feature service's registration came from.</summary>
public enum ServiceSource
{
    /// <summary>Listed under <c>Plugins:Services</c> in a silo's configuration; registered again whenever a silo starts.</summary>
    Configuration,

    /// <summary>Registered by an administrator through <c>POST /api/admin/services</c>.</summary>
    Admin,
}

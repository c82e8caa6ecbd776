namespace Cluster.ApiHost.Widgets;

/// <summary>
/// <c>POST /api/admin/widgets</c>: a scoped package and exact version to register; <paramref name="Integrity"/>, when
/// given, pins the SRI sha512 the registry must report.
/// </summary>
public sealed record WidgetRegistrationRequest(string? Package, string? Version, string? Integrity);

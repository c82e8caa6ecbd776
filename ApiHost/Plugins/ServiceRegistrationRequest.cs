namespace Cluster.ApiHost.Plugins;

/// <summary>The body of <c>POST /api/admin/services</c>.</summary>
/// <param name="Id">The service id (also its plugin id): lower-case letters, digits and hyphens.</param>
/// <param name="BaseUrl">The absolute http(s) URL its <c>/health</c> and <c>/plugin/*</c> paths are under.</param>
public sealed record ServiceRegistrationRequest(string? Id, string? BaseUrl);

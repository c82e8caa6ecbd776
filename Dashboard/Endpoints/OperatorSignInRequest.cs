namespace Cluster.Dashboard.Endpoints;

/// <summary>The operator token, entered on the dashboard's sign-in page.</summary>
public sealed record OperatorSignInRequest(string? Token);

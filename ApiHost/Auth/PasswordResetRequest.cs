namespace Cluster.ApiHost.Auth;

/// <summary>The email of the account whose password is forgotten.</summary>
public sealed record PasswordResetRequest(string? Email);

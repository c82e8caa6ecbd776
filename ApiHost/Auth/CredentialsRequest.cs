namespace Cluster.ApiHost.Auth;

/// <summary>An email and password, to register or sign in. Both are checked by the handler, which says what is missing.</summary>
public sealed record CredentialsRequest(string? Email, string? Password);

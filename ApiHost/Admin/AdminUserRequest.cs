namespace Cluster.ApiHost.Admin;

/// <summary>What an administrator changes on an account; null leaves a field as it is.</summary>
/// <param name="Role"><c>user</c> or <c>admin</c>.</param>
/// <param name="IsActive">False deactivates the account and ends its sessions at once.</param>
public sealed record AdminUserRequest(string? Role, bool? IsActive);

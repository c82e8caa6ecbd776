namespace Cluster.Dashboard.Endpoints;

/// <summary>Whether the caller may use the dashboard, and how it may sign in if not.</summary>
/// <param name="Allowed">Whether the dashboard's figures are open to the caller.</param>
/// <param name="OperatorSignIn">Whether an operator token is configured, so the sign-in page can ask for it.</param>
public sealed record DashboardSessionResponse(bool Allowed, bool OperatorSignIn);

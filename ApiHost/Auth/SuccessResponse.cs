using System.Text.Json.Serialization;

namespace Cluster.ApiHost.Auth;

/// <summary><c>{"success": true}</c>, with a message where the contract has one.</summary>
public sealed record SuccessResponse(bool Success, [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Message = null)
{
    /// <summary>Success without a message.</summary>
    public static SuccessResponse Done { get; } = new(true);
}

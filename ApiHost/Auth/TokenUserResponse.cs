using System.Text.Json.Serialization;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Identity;

namespace Cluster.ApiHost.Auth;

/// <summary>The user in a token response: <c>{id, email, type}</c>, <c>type</c> being <c>regular</c> or <c>guest</c>.</summary>
public sealed record TokenUserResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("email")] string Email,
    [property: JsonPropertyName("type")] string Type)
{
    /// <summary>The response for <paramref name="user"/>.</summary>
    public static TokenUserResponse From(UserInfo user) => new(user.Id, user.Email, IdentityNames.Of(user.Type));
}

namespace Cluster.ApiHost.Oidc;

/// <summary>What an external token is presented as, which decides the audience it must name.</summary>
public enum OidcTokenUse
{
    /// <summary>An id_token exchanged for a session: its audience is the provider's client id, and it must be fresh.</summary>
    IdToken,

    /// <summary>An access token sent with an API request: its audience is one of the provider's accepted audiences.</summary>
    AccessToken,
}

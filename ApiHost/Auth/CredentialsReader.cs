using System.Text.Json;

namespace Cluster.ApiHost.Auth;

/// <summary>Reads the bodies that come in more than one form: sign-in as JSON or as an OAuth2 password form, and an optional refresh body.</summary>
internal static class CredentialsReader
{
    /// <summary>
    /// The email and password of a sign-in: JSON <c>{email, password}</c>, or the form of OAuth2's password grant
    /// (<c>username</c>, <c>password</c>); or what is wrong with the body.
    /// </summary>
    public static async Task<(CredentialsRequest? Credentials, string? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        CredentialsRequest? credentials;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            credentials = new CredentialsRequest(form["username"].FirstOrDefault() ?? form["email"].FirstOrDefault(), form["password"].FirstOrDefault());
        }
        else if (request.HasJsonContentType())
        {
            (credentials, var problem) = await ReadJsonAsync<CredentialsRequest>(request, cancellationToken);
            if (problem is not null)
            {
                return (null, problem);
            }
        }
        else
        {
            return (null, "Send the credentials as JSON {\"email\", \"password\"} or as a form with username and password.");
        }

        return string.IsNullOrWhiteSpace(credentials?.Email) || string.IsNullOrEmpty(credentials.Password)
            ? (null, "Give both an email and a password.")
            : (credentials, null);
    }

    /// <summary>A refresh body if one was sent (API clients), null if the body is empty (browsers, which send the cookie); or what is wrong with it.</summary>
    public static async Task<(RefreshRequest? Body, string? Problem)> ReadRefreshAsync(HttpRequest request, CancellationToken cancellationToken) =>
        request.ContentLength is 0 or null && !request.HasJsonContentType()
            ? (null, null)
            : await ReadJsonAsync<RefreshRequest>(request, cancellationToken);

    private static async Task<(T? Body, string? Problem)> ReadJsonAsync<T>(HttpRequest request, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, "Send the body as JSON (Content-Type: application/json).");
        }

        try
        {
            return (await request.ReadFromJsonAsync<T>(cancellationToken), null);
        }
        catch (JsonException exception)
        {
            // Position only: the exception's message names our types.
            return (null, $"The body is not valid JSON or has a field of the wrong type (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).");
        }
    }
}

using System.Collections.Frozen;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Cluster.Dashboard.Endpoints;

/// <summary>The page and its script and style, read once from the assembly; served with a strict content security policy.</summary>
internal static class DashboardAssets
{
    private const string ResourcePrefix = "Cluster.Dashboard.wwwroot.";

    // Everything comes from the dashboard itself: no inline script, no third party, no framing.
    private const string SecurityPolicy = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FrozenDictionary<string, (byte[] Content, string Type)> Files = Load();

    // The page's links are relative to its folder, so /dashboard becomes /dashboard/.
    public static Results<FileContentHttpResult, NotFound, RedirectHttpResult> Page(HttpContext context) =>
        context.Request.Path.Value?.EndsWith('/') == true
            ? Serve(context, "index.html") switch
            {
                { Result: FileContentHttpResult file } => file,
                _ => TypedResults.NotFound(),
            }
            : TypedResults.Redirect($"{context.Request.PathBase}{context.Request.Path}/{context.Request.QueryString}");

    public static Results<FileContentHttpResult, NotFound> Asset(string name, HttpContext context) => Serve(context, name);

    private static Results<FileContentHttpResult, NotFound> Serve(HttpContext context, string name)
    {
        if (!Files.TryGetValue(name, out var file))
        {
            return TypedResults.NotFound();
        }

        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = SecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-cache";
        headers["Referrer-Policy"] = "no-referrer";
        return TypedResults.File(file.Content, file.Type);
    }

    private static FrozenDictionary<string, (byte[] Content, string Type)> Load()
    {
        var assembly = typeof(DashboardAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(name => name.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var name = resource[ResourcePrefix.Length..];
            files[name] = (buffer.ToArray(), ContentTypeOf(name));
        }

        return files.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string name) => Path.GetExtension(name) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        _ => "application/octet-stream",
    };
}

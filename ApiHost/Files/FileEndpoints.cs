using System.Security.Cryptography;
using Cluster.ApiHost.Identity;
using Cluster.Grains.Interfaces.Files;
using Cluster.Runtime.Core;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace Cluster.ApiHost.Files;

/// <summary>Image uploads for chat messages, kept in cluster storage in chunks (contract §3.6).</summary>
public static class FileEndpoints
{
    // The file's 5 MB and the multipart framing around it.
    private const long MaxUploadBodyBytes = FileLimits.MaxLength + (64 * 1024);

    public static IEndpointRouteBuilder MapFileEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var files = endpoints.MapGroup("/api/files").WithTags("Files");
        files.MapPost("/upload", UploadAsync).DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(MaxUploadBodyBytes));
        files.MapGet("/{id}", DownloadAsync);
        return endpoints;
    }

    private static async Task<Results<Ok<UploadResponse>, JsonHttpResult<UploadError>>> UploadAsync(
        HttpContext context, IClusterClient cluster, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (context.Caller() is not { } caller)
        {
            return TypedResults.Json(new UploadError("Unauthorized"), statusCode: StatusCodes.Status401Unauthorized);
        }

        if (await FileOfAsync(context.Request, cancellationToken) is not { Length: > 0 } file)
        {
            return Refused("No file uploaded");
        }

        if (file.Length > FileLimits.MaxLength)
        {
            return Refused("File size should be less than 5MB");
        }

        var id = Guid.NewGuid().ToString();
        await using var content = file.OpenReadStream();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        string? contentType = null;
        var chunks = 0;
        long length = 0;
        var buffer = new byte[FileLimits.ChunkSize];
        while (await content.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken) is var read and > 0)
        {
            if (chunks == 0 && (contentType = ImageSignature.Of(buffer.AsSpan(0, read))) is null)
            {
                return Refused("File type should be JPEG or PNG");
            }

            hash.AppendData(buffer, 0, read);
            await cluster.GetGrain<IFileChunkGrain>(FileLimits.ChunkKey(id, chunks++)).WriteAsync(buffer[..read], cancellationToken);
            length += read;
        }

        var name = Path.GetFileName(file.FileName) is { Length: > 0 } given ? given[..Math.Min(given.Length, FileLimits.MaxNameLength)] : "upload";
        var stored = await cluster.GetGrain<IFileGrain>(id).CompleteAsync(
            new StoredFileInfo(id, caller.User.Id, name, contentType!, length, Convert.ToHexStringLower(hash.GetHashAndReset()), chunks, timeProvider.GetUtcNow()),
            cancellationToken);
        return TypedResults.Ok(new UploadResponse($"/api/files/{stored.Id}", stored.Name, stored.ContentType));
    }

    private static async Task<Results<EmptyHttpResult, NotFound>> DownloadAsync(string id, HttpContext context, IClusterClient cluster, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var key) || await cluster.GetGrain<IFileGrain>(key.ToString()).GetAsync(cancellationToken) is not { } file)
        {
            return TypedResults.NotFound();
        }

        var response = context.Response;
        response.ContentType = file.ContentType;
        response.ContentLength = file.Length;
        response.Headers.ContentDisposition = new ContentDispositionHeaderValue("inline") { FileNameStar = file.Name }.ToString();
        response.Headers.ETag = $"\"{file.Sha256}\"";
        for (var index = 0; index < file.ChunkCount; index++)
        {
            var bytes = await cluster.GetGrain<IFileChunkGrain>(FileLimits.ChunkKey(file.Id, index)).ReadAsync(cancellationToken);
            await response.Body.WriteAsync(bytes, cancellationToken);
        }

        return TypedResults.Empty;
    }

    private static async Task<IFormFile?> FileOfAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return null;
        }

        try
        {
            return (await request.ReadFormAsync(cancellationToken)).Files.GetFile("file");
        }
        catch (InvalidDataException)
        {
            // A malformed form carries no file the frontend could have meant.
            return null;
        }
    }

    private static JsonHttpResult<UploadError> Refused(string error) => TypedResults.Json(new UploadError(error), statusCode: StatusCodes.Status400BadRequest);
}

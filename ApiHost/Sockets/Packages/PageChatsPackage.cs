using System.Buffers.Text;
using System.Text;
using Cluster.ApiHost.Chats;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Core;
using Cluster.Runtime.Storage;

namespace Cluster.ApiHost.Sockets.Packages;

/// <summary>
/// pkg_id 2: the caller's chats, paginated as the contract describes: numbered pages (<c>page</c>, <c>per_page</c>),
/// or, when a <c>cursor</c> key is present, pages that follow one another by an opaque cursor (the fast way through
/// a long history, as a numbered page still reads the chats before it).
/// </summary>
public sealed class PageChatsPackage(IClusterClient cluster) : IPackageHandler
{
    private const int DefaultPerPage = 20;

    public int PackageId => 2;

    public string Name => "chats.page";

    public string Description =>
        "Your chats, newest first, a page at a time: data {\"page\": 1, \"per_page\": 1-1000 (default 20), \"cursor\": null or a next_cursor}; meta gives the totals.";

    public IReadOnlyList<string> RequiredRoles => [];

    public string DataSchema => $$"""
        {
          "type": "object",
          "properties": {
            "page": { "type": "integer", "minimum": 1, "maximum": {{StateListQuery.MaxOffset}} },
            "per_page": { "type": "integer", "minimum": 1, "maximum": {{IChatDirectoryGrain.MaxListPageSize}} },
            "cursor": { "type": ["string", "null"], "maxLength": 200 },
            "filters": { "type": "object", "properties": {}, "additionalProperties": false, "description": "No filter applies to chats yet." }
          }
        }
        """;

    public async Task<PackageReply> HandleAsync(PackageCall call, CancellationToken cancellationToken)
    {
        var data = call.Request.Data;
        var page = data.TryGetProperty("page", out var pageValue) ? pageValue.GetInt32() : 1;
        var perPage = data.TryGetProperty("per_page", out var perPageValue) ? perPageValue.GetInt32() : DefaultPerPage;
        var cursorMode = data.TryGetProperty("cursor", out var cursorValue);
        string? afterChatId = null;
        if (cursorMode && cursorValue.GetString() is { Length: > 0 } cursor && (afterChatId = ChatIdOf(cursor)) is null)
        {
            return PackageReply.Invalid("invalid_cursor", "cursor is not a next_cursor this package handed out; start again with \"cursor\": null.");
        }

        var offset = cursorMode ? 0L : (long)(page - 1) * perPage;
        if (offset > StateListQuery.MaxOffset)
        {
            return PackageReply.Invalid("page_too_far", $"page {page} starts past chat {StateListQuery.MaxOffset}; page further with \"cursor\".");
        }

        var userId = call.Caller.User.Id;
        var found = await cluster.GetGrain<IChatDirectoryGrain>(userId).ListPageAsync(userId, (int)offset, perPage, afterChatId, cancellationToken);
        if (found is null)
        {
            return PackageReply.Invalid("invalid_cursor", "The cursor's chat was deleted; start again with \"cursor\": null.");
        }

        var nextCursor = found.HasMore && found.Chats.Count > 0 ? CursorOf(found.Chats[^1].Id) : null;
        var meta = new PackageMeta(page, perPage, found.Total, (found.Total + perPage - 1) / perPage, nextCursor, found.HasMore);
        return PackageReply.Ok(found.Chats.Select(ChatResponse.From).ToList(), meta);
    }

    private static string CursorOf(string chatId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(chatId));

    private static string? ChatIdOf(string cursor)
    {
        try
        {
            var chatId = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor));
            return Guid.TryParse(chatId, out _) ? chatId : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

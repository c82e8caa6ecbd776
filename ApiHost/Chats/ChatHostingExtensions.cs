using Cluster.ApiHost.Documents;
using Cluster.ApiHost.Feedback;
using Cluster.ApiHost.Files;
using Microsoft.Extensions.Options;

namespace Cluster.ApiHost.Chats;

/// <summary>Registers the API host's chat services and maps the chat routes.</summary>
public static class ChatHostingExtensions
{
    public static WebApplicationBuilder AddChatServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ChatQuotaOptions>().Bind(builder.Configuration.GetSection(ChatQuotaOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChatQuotaOptions>, ChatQuotaOptionsValidator>();
        services.AddOptions<FeedbackOptions>().Bind(builder.Configuration.GetSection(FeedbackOptions.SectionName));
        services.AddSingleton<ChatStreamRelay>();
        services.AddSingleton<ChatStreamNudge>();
        services.AddSingleton<ChatModelAccess>();
        services.AddSingleton<ChatSender>();
        return builder;
    }

    /// <summary>Every route of the chat frontend's contract: chats and their streams, history, votes, models, documents, files, feedback.</summary>
    public static IEndpointRouteBuilder MapChatFeature(this IEndpointRouteBuilder endpoints) => endpoints
        .MapChatEndpoints()
        .MapChatStreamEndpoints()
        .MapHistoryEndpoints()
        .MapVoteEndpoints()
        .MapModelEndpoints()
        .MapDocumentEndpoints()
        .MapFileEndpoints()
        .MapFeedbackEndpoints();
}

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
        services.AddSingleton<ChatStreamRelay>();
        services.AddSingleton<ChatStreamNudge>();
        services.AddSingleton<ChatModelAccess>();
        return builder;
    }

    /// <summary>Every chat route: sending and streaming, resuming and stopping, history, votes, models.</summary>
    public static IEndpointRouteBuilder MapChatFeature(this IEndpointRouteBuilder endpoints) => endpoints
        .MapChatEndpoints()
        .MapChatStreamEndpoints()
        .MapHistoryEndpoints()
        .MapVoteEndpoints()
        .MapModelEndpoints();
}

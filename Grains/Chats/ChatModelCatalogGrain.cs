using Cluster.Grains.Chats.Models;
using Cluster.Grains.Interfaces.Chats;
using Cluster.Runtime.Concurrency;
using Cluster.Runtime.Core;
using Microsoft.Extensions.Options;

namespace Cluster.Grains.Chats;

[GrainType("chat-model-catalog")]
[StatelessWorker]
public sealed class ChatModelCatalogGrain(IOptionsMonitor<ChatOptions> options) : Grain, IChatModelCatalogGrain
{
    public Task<IReadOnlyList<ChatModelInfo>> GetModelsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<ChatModelInfo>>(
        [
            .. options.CurrentValue.Models.Values.Select(model => new ChatModelInfo(model.Id, model.Name, model.Description, model.Reasoning, model.AllowedGroupNames)),
        ]);
}

using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Text.Json.Nodes;
using InboxApp.Realtime;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;

namespace InboxApp.Tests.Infrastructure;

/// <summary>
/// A connection to the inbox hub through the .NET SignalR client (<see cref="HubConnection"/>) over a WebSocket of the
/// test server, as a browser connects (negotiation skipped, the token as <c>access_token</c>). Collects the server's
/// invocations (<see cref="InboxHub.InboxEventMethod"/>, <see cref="InboxHub.ConversationEventMethod"/>,
/// <see cref="InboxHub.PresenceMethod"/>) as they arrive; call hub methods on <see cref="Connection"/>.
/// </summary>
public sealed class HubTestClient : IAsyncDisposable
{
    private static readonly string[] Targets = [InboxHub.InboxEventMethod, InboxHub.ConversationEventMethod, InboxHub.PresenceMethod];

    private HubTestClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    /// <summary>Server-to-client invocations received so far: target and first argument.</summary>
    public ConcurrentQueue<(string Target, JsonNode? Argument)> Received { get; } = new();

    /// <summary>Connects to <paramref name="path"/> with <paramref name="token"/> (an access token or API key) and completes the handshake.</summary>
    public static async Task<HubTestClient> ConnectAsync(InboxAppFactory factory, string path, string? token)
    {
        var url = "http://localhost" + path + (token is null ? "" : "?access_token=" + Uri.EscapeDataString(token));
        var connection = new HubConnectionBuilder()
            .WithUrl(url, o =>
            {
                o.SkipNegotiation = true;
                o.Transports = HttpTransportType.WebSockets;
                o.WebSocketFactory = async (context, ct) => await factory.Server.CreateWebSocketClient().ConnectAsync(context.Uri, ct);
            })
            .Build();
        var client = new HubTestClient(connection);
        foreach (var target in Targets)
            connection.On<JsonElement>(target, argument => client.Received.Enqueue((target, JsonNode.Parse(argument.GetRawText()))));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        await connection.StartAsync(timeout.Token);
        return client;
    }

    /// <summary>Waits for a server invocation of <paramref name="target"/> whose argument matches.</summary>
    public async Task<JsonNode> WaitForAsync(string target, Func<JsonNode, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (DateTime.UtcNow < deadline)
        {
            if (Received.FirstOrDefault(r => r.Target == target && r.Argument is not null && match(r.Argument)) is { Argument: { } found }) return found;
            await Task.Delay(20);
        }
        throw new TimeoutException($"No {target} matching the condition; received: {string.Join(", ", Received.Select(r => r.Target + " " + r.Argument?.ToJsonString()))}");
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Connection.StopAsync();
        }
        catch (Exception e) when (e is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // Already gone.
        }
        await Connection.DisposeAsync();
    }
}

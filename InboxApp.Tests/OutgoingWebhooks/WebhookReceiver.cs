using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InboxApp.Tests.OutgoingWebhooks;

/// <summary>
/// A partner's endpoint for tests: Kestrel on a free loopback port that records every request (path, Standard Webhooks
/// headers, body) and answers each path from its plan (statuses in turn, 200 once the plan is used up).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    public sealed record Received(string Path, string Id, long Timestamp, string Signature, string Body, int AnsweredWith);

    private readonly WebApplication app;
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> plans = new();
    public ConcurrentQueue<Received> Requests { get; } = new();
    public string BaseUrl { get; }

    private WebhookReceiver(WebApplication app, string baseUrl)
    {
        this.app = app;
        BaseUrl = baseUrl;
    }

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        WebhookReceiver? receiver = null;
        app.Map("/{**path}", (HttpContext context) => receiver!.HandleAsync(context));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver = new WebhookReceiver(app, address);
        return receiver;
    }

    /// <summary>The next answers on <paramref name="path"/> (then 200).</summary>
    public void Plan(string path, params int[] statuses) => plans[path] = new ConcurrentQueue<int>(statuses);

    public IReadOnlyList<Received> On(string path) => Requests.Where(r => r.Path == path).ToList();

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var path = context.Request.Path.Value ?? "/";
        var status = plans.TryGetValue(path, out var plan) && plan.TryDequeue(out var planned) ? planned : 200;
        var headers = context.Request.Headers;
        Requests.Enqueue(new Received(path, headers["webhook-id"].ToString(), long.TryParse(headers["webhook-timestamp"], out var t) ? t : 0,
            headers["webhook-signature"].ToString(), body, status));
        context.Response.StatusCode = status;
        if (status is >= 300 and < 400) context.Response.Headers.Location = BaseUrl + "/redirected";
        await context.Response.WriteAsync(status == 200 ? "{\"ok\":true}" : "{\"error\":\"planned\"}");
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}

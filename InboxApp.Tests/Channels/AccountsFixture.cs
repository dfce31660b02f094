using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InboxApp.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace InboxApp.Tests.Channels;

/// <summary>
/// The app pointed at an in-process fake Graph API, with every log line captured (to prove secrets are never logged).
/// Shared by the classes of <see cref="Collection"/> (one app and one fake for them all; each test connects its own WABA
/// and number and queues <c>Graph.Failures</c> only for its own number's paths). A class that sets the fake's global
/// switches (<c>Delay</c>, <c>PeakConcurrency</c>) keeps <c>IClassFixture&lt;AccountsFixture&gt;</c>.
/// </summary>
public sealed class AccountsFixture : IAsyncLifetime
{
    public const string Collection = "Accounts app";

    public FakeGraphApi Graph { get; private set; } = null!;
    public LoggingAppFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        Graph = await FakeGraphApi.StartAsync();
        Factory.With("WhatsApp:GraphApiBaseUrl", Graph.BaseUrl).With("WhatsApp:AppId", Graph.AppId);
        _ = Factory.Server;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Graph.DisposeAsync();
    }
}

[CollectionDefinition(AccountsFixture.Collection)]
public sealed class AccountsCollection : ICollectionFixture<AccountsFixture>;

public sealed class LoggingAppFactory : InboxAppFactory
{
    public ConcurrentQueue<string> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(new CapturingLoggerProvider(Logs)));
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new Logger(categoryName, logs);

        public void Dispose() { }

        private sealed class Logger(string category, ConcurrentQueue<string> logs) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                logs.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}

/// <summary>A number connected through the API: our ids and Meta's.</summary>
public sealed record Connected(Guid AccountId, Guid PhoneNumberId, string WabaId, string MetaPhoneNumberId, string Token);

public static class AccountsApi
{
    public const string Base = "/api/v1/whatsapp-accounts";

    /// <summary>Connects a fresh fake WABA and number with <c>connect-manual</c>.</summary>
    public static async Task<Connected> ConnectNumberAsync(this AccountsFixture fixture, SignedIn admin, string displayPhone = "+1 555-010-0100", string alias = "Support line")
    {
        var (waba, phone, token) = fixture.Graph.AddAccount(displayPhone);
        fixture.Graph.Phones[phone].Registered = true;
        var response = await admin.Client.PostAsJsonAsync($"{Base}/connect-manual", new { wabaId = waba, phoneNumberId = phone, accessToken = token, alias });
        await response.ShouldBe(HttpStatusCode.Created);
        var data = await response.Data();
        return new Connected(data.GetProperty("id").GetGuid(), data.GetProperty("phoneNumbers")[0].GetProperty("id").GetGuid(), waba, phone, token);
    }

    public static async Task<JsonElement> AccountAsync(this SignedIn member, Guid accountId)
    {
        var response = await member.Client.GetAsync($"{Base}/{accountId}");
        await response.ShouldBe(HttpStatusCode.OK);
        return await response.Data();
    }

    public static string[] Strings(this JsonElement array, string property) =>
        array.EnumerateArray().Select(e => e.GetProperty(property).GetString()!).ToArray();
}

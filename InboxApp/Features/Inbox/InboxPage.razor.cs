using InboxApp.Auth;
using InboxApp.Core.Conversations;
using InboxApp.Core.Identity;
using InboxApp.Core.Profile;
using InboxApp.Core.Realtime;
using InboxApp.Core.Users;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.JSInterop;

namespace InboxApp.Features.Inbox;

/// <summary>
/// The agents' inbox: the conversation list beside the open thread. This page keeps the agent's presence session (online,
/// away when idle), the keyboard shortcuts, browser notifications with sound for new messages in conversations that are
/// the agent's or unassigned, and the unread count in the tab title.
/// </summary>
public partial class InboxPage : IAsyncDisposable
{
    private static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(5);

    [Parameter] public Guid? ConversationId { get; set; }
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }

    [Inject] private ProfileService Profile { get; set; } = default!;
    [Inject] private UserService Users { get; set; } = default!;
    [Inject] private PresenceTracker Presence { get; set; } = default!;
    [Inject] private IInboxEventBus Bus { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private Core.Routing.IdleAgentService IdleAgents { get; set; } = default!;
    [Inject] private MudBlazor.ISnackbar Snackbar { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    /// <summary>When the browser last reported this agent idle (no input for <see cref="IdleAfter"/>); null while active.</summary>
    private DateTimeOffset? idleSince;

    private Actor? actor;
    private TimeZoneInfo zone = TimeZoneInfo.Utc;
    private bool botEnabled;
    private readonly string presenceKey = "ui:" + Guid.NewGuid().ToString("N");
    private IReadOnlyList<MemberSummary> directory = [];
    private List<MemberOption> members = [];
    private IReadOnlyList<ConversationDto> items = [];
    private OnlineStatus myPresence = OnlineStatus.ONLINE;
    private ConversationThread? thread;
    private bool showHelp;
    private bool notifyOn;
    private bool soundOn;
    private IDisposable? presence;
    private IDisposable? events;
    private IJSObjectReference? module;
    private IJSObjectReference? idle;
    private IJSObjectReference? shortcuts;
    private DotNetObjectReference<InboxPage>? self;
    private bool connected;
    /// <summary>The list's unread count; it arrives before the browser module is loaded, so it is kept for the first title.</summary>
    private int unread;
    /// <summary>Interactive and its browser side (shortcuts, idle watch) wired: the readiness marker tests wait for.</summary>
    private bool ready;

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState!).User.ToActor();
        if (actor.OrganizationId is null)
        {
            // Super admins have no inbox of their own.
            actor = null;
            Navigation.NavigateTo("/");
            return;
        }
        var me = await Profile.GetAsync(actor);
        zone = InboxTime.Zone(me.TimeZone ?? me.Organization?.TimeZone);
        botEnabled = me.Organization?.BotEnabled ?? false;
        directory = await Users.DirectoryAsync(actor);
        RefreshMembers();
        if (!RendererInfo.IsInteractive) return;
        var chosen = await Users.ChosenStatusAsync(actor); // the status chosen on any node (ADR 0040)
        presence = Presence.Subscribe(actor.Org, OnPresence);
        events = Bus.Subscribe(actor.Org, OnEventAsync);
        Presence.Connect(presenceKey, actor.Org, actor.User, me.Name, chosen);
        connected = true;
        myPresence = Presence.StatusOf(actor.Org, actor.User);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender || !RendererInfo.IsInteractive || actor is null) return;
        module = await JS.InvokeAsync<IJSObjectReference>("import", "./inbox.js");
        self = DotNetObjectReference.Create(this);
        idle = await module.InvokeAsync<IJSObjectReference>("watchIdle", self, (int)IdleAfter.TotalMilliseconds);
        shortcuts = await module.InvokeAsync<IJSObjectReference>("bindShortcuts", self);
        notifyOn = await JS.InvokeAsync<string?>("localStorage.getItem", "inbox.notify") == "on";
        soundOn = await JS.InvokeAsync<string?>("localStorage.getItem", "inbox.sound") == "on";
        await module.InvokeVoidAsync("setUnreadTitle", unread);
        ready = true;
        StateHasChanged();
    }

    /// <summary>Members with their live presence, online first, for the assignment picker.</summary>
    private void RefreshMembers()
    {
        if (actor is null) return;
        var live = Presence.Statuses(actor.Org);
        members = directory.Select(m => new MemberOption(m.Id, m.Name, m.Role, live.GetValueOrDefault(m.Id, OnlineStatus.OFFLINE)))
            .OrderBy(m => m.Presence).ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    private void OnPresence(PresenceChange change)
    {
        if (change is not AgentPresenceChanged) return;
        _ = InvokeAsync(() =>
        {
            RefreshMembers();
            myPresence = Presence.StatusOf(actor!.Org, actor.User);
            StateHasChanged();
        });
    }

    /// <summary>A customer wrote in a conversation that is mine or unassigned: notify (when switched on) unless it is the open one and the tab is visible.</summary>
    private async Task OnEventAsync(InboxEvent e)
    {
        if (e is not MessageReceived || (!notifyOn && !soundOn) || module is null || actor is null) return;
        var c = items.FirstOrDefault(i => i.Id == e.ConversationId);
        if (c is not null && c.Assignee is not null && c.Assignee.Id != actor.UserId) return;
        try
        {
            await module.InvokeVoidAsync("notify", c?.Contact.DisplayName ?? "New message", c?.LastMessagePreview ?? "A customer wrote", soundOn, e.ConversationId.ToString());
        }
        catch (JSDisconnectedException)
        {
            // The browser left.
        }
    }

    private void OnItemsChanged(IReadOnlyList<ConversationDto> rows) => items = rows;

    private async Task OnUnreadChangedAsync(int count)
    {
        unread = count;
        if (module is null) return;
        try
        {
            await module.InvokeVoidAsync("setUnreadTitle", unread);
        }
        catch (JSDisconnectedException)
        {
            // The browser left.
        }
    }

    /// <summary>
    /// The browser's idle watch: presence follows it, and an agent coming back is told which of their conversations
    /// idle-agent detection gave back to the queue meanwhile (a snackbar naming the customers).
    /// </summary>
    [JSInvokable]
    public Task SetIdle(bool isIdle) => InvokeAsync(async () =>
    {
        Presence.SetIdle(presenceKey, isIdle);
        if (isIdle)
        {
            // The idle mark comes after IdleAfter without input: the agent stopped answering that long ago.
            idleSince = Clock.GetUtcNow() - IdleAfter;
            return;
        }
        if (idleSince is not { } since || actor is null) return;
        idleSince = null;
        var returned = await IdleAgents.ReturnedFromMeAsync(actor, since);
        if (returned.Count == 0) return;
        var names = string.Join(", ", returned.Take(3).Select(r => r.ContactName)) + (returned.Count > 3 ? $" and {returned.Count - 3} more" : "");
        Snackbar.Add(returned.Count == 1
                ? $"While you were away, the conversation with {names} went back to the team's queue: it waited too long for an answer."
                : $"While you were away, {returned.Count} conversations went back to the team's queue: {names}. They waited too long for an answer.",
            MudBlazor.Severity.Warning, o => { o.RequireInteraction = true; o.ShowCloseIcon = true; });
    });

    [JSInvokable]
    public Task Shortcut(string action) => InvokeAsync(async () =>
    {
        switch (action)
        {
            case "next" or "previous":
                Move(action == "next" ? 1 : -1);
                break;
            case "reply" when thread is not null:
                await thread.FocusComposerAsync();
                break;
            case "quick-replies" when thread is not null:
                await thread.FocusComposerAsync("/");
                break;
            case "resolve" when thread is not null:
                await thread.ResolveAsync();
                break;
            case "help":
                showHelp = true;
                break;
            case "escape":
                showHelp = false;
                break;
        }
        StateHasChanged();
    });

    private void Move(int step)
    {
        if (items.Count == 0) return;
        var index = ConversationId is { } id ? items.ToList().FindIndex(i => i.Id == id) : -1;
        var next = Math.Clamp(index + step, 0, items.Count - 1);
        if (index < 0) next = 0;
        Navigation.NavigateTo($"/inbox/{items[next].Id}");
    }

    private async Task ToggleNotificationsAsync(bool value)
    {
        notifyOn = value;
        if (notifyOn && module is not null) notifyOn = await module.InvokeAsync<string>("requestNotifications") == "granted";
        await JS.InvokeVoidAsync("localStorage.setItem", "inbox.notify", notifyOn ? "on" : "off");
    }

    private async Task ToggleSoundAsync(bool value)
    {
        soundOn = value;
        await JS.InvokeVoidAsync("localStorage.setItem", "inbox.sound", soundOn ? "on" : "off");
    }

    public async ValueTask DisposeAsync()
    {
        presence?.Dispose();
        events?.Dispose();
        if (connected) Presence.Disconnect(presenceKey);
        // Child components' callbacks may still arrive after this: they find no module and skip the browser.
        var (m, i, k) = (module, idle, shortcuts);
        (module, idle, shortcuts) = (null, null, null);
        try
        {
            if (i is not null) await i.InvokeVoidAsync("dispose");
            if (k is not null) await k.InvokeVoidAsync("dispose");
            if (m is not null) await m.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The browser left.
        }
        self?.Dispose();
    }
}

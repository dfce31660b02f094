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
        presence = Presence.Subscribe(actor.Org, OnPresence);
        events = Bus.Subscribe(actor.Org, OnEventAsync);
        Presence.Connect(presenceKey, actor.Org, actor.User, me.Name, me.OnlineStatus);
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

    [JSInvokable]
    public void SetIdle(bool isIdle) => Presence.SetIdle(presenceKey, isIdle);

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

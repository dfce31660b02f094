using InboxApp.Core.Common;
using InboxApp.Core.Conversations;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Core.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.JSInterop;
using MudBlazor;

namespace InboxApp.Features.Inbox;

/// <summary>An active member of the organization as pickers show them, with live presence.</summary>
public sealed record MemberOption(Guid Id, string Name, UserRole Role, OnlineStatus Presence);

/// <summary>
/// One conversation: header with actions, who else is viewing or typing, the 24-hour window, messages grouped by day (older
/// pages load when scrolled to the top), and the composer. Committed events for this conversation update it in place.
/// </summary>
public partial class ConversationThread : IAsyncDisposable
{
    private const int PageSize = 50;

    [Parameter, EditorRequired] public Guid ConversationId { get; set; }
    [Parameter, EditorRequired] public Actor Actor { get; set; } = default!;
    [Parameter, EditorRequired] public string PresenceKey { get; set; } = default!;
    [Parameter] public IReadOnlyList<MemberOption> Members { get; set; } = [];
    [Parameter] public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;
    /// <summary>Whether the organization's bot is switched on ("Return to bot" is offered only then).</summary>
    [Parameter] public bool BotEnabled { get; set; }

    [Inject] private ConversationService Conversations { get; set; } = default!;
    [Inject] private ConversationMessages MessagePages { get; set; } = default!;
    [Inject] private MessageSender Sender { get; set; } = default!;
    [Inject] private MediaService Media { get; set; } = default!;
    [Inject] private ReactionService Reactions { get; set; } = default!;
    [Inject] private IInboxEventBus Bus { get; set; } = default!;
    [Inject] private PresenceTracker Presence { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private ConversationDto? conversation;
    private bool notFound;
    private List<MessageDto> messages = [];
    private string? olderCursor;
    private MessageDto? replyingTo;
    private bool showDetails;
    private IReadOnlyList<ConversationViewer> viewers = [];
    private ElementReference scroller;
    private ElementReference topSentinel;
    private Composer? composer;
    private ThreadActions? actions;
    private IJSObjectReference? module;
    private IJSObjectReference? olderObserver;
    private DotNetObjectReference<ConversationThread>? self;
    private IDisposable? events;
    private IDisposable? presence;
    private bool scrollToEnd = true;
    private IJSObjectReference? keptScroll;
    private bool observing;
    private bool loadingOlder;
    private Guid loadedId;
    /// <summary>Whether the customer was already shown "typing…" for the messages loaded so far.</summary>
    private bool customerTypingShown;
    /// <summary>Numbers the event reloads: only the latest one started applies what it read (<see cref="OnEventAsync"/>).</summary>
    private int reloads;
    /// <summary>A customer's message arrived since the last reload that applied: the next one to apply marks it read.</summary>
    private bool receivedSinceReload;

    /// <summary>
    /// The conversation whose bubbles' Reply and reaction buttons the browser reports (<c>attachBubbleActions</c>): the
    /// bubbles show them only from then on, so a button never shows before its click does something.
    /// </summary>
    private Guid actionsFor;
    /// <summary>Made once, and passed only to the bubbles that can use them (a failed message, a failed download).</summary>
    private EventCallback<MessageDto> retryCallback;
    private EventCallback<MessageDto> retryMediaCallback;

    /// <summary>The day dividers and bubbles (<see cref="RenderBubbles"/>), one delegate for the thread's life.</summary>
    private readonly RenderFragment bubbles;
    private static readonly object Yes = true, No = false;

    public ConversationThread() => bubbles = RenderBubbles;

    /// <summary>
    /// The messages grouped by day, written by hand rather than as markup: every open page keeps this list's frames twice
    /// (the current and the previous render), so each bubble gets only the parameters it uses. A retry callback goes only to
    /// a failed message or download, the only bubbles that show its button (one left from before on a bubble that is no
    /// longer failed is never used), and booleans are boxed once (docs/performance.md, session 13).
    /// </summary>
    private void RenderBubbles(RenderTreeBuilder builder)
    {
        var actionsOn = actionsFor == loadedId ? Yes : No;
        foreach (var day in messages.GroupBy(m => TimeZoneInfo.ConvertTime(m.Timestamp, TimeZone).Date))
        {
            builder.OpenElement(0, "div");
            builder.AddAttribute(1, "class", "day-divider");
            builder.AddAttribute(2, "role", "separator");
            builder.OpenElement(3, "span");
            builder.AddContent(4, InboxTime.Day(day.Key, TimeZone));
            builder.CloseElement();
            builder.CloseElement();
            foreach (var m in day)
            {
                builder.OpenComponent<MessageBubble>(5);
                builder.SetKey(m.Id);
                builder.AddComponentParameter(6, nameof(MessageBubble.Message), m);
                builder.AddComponentParameter(7, nameof(MessageBubble.TimeZone), TimeZone);
                builder.AddComponentParameter(8, nameof(MessageBubble.Quoted), QuotedFor(m));
                builder.AddComponentParameter(9, nameof(MessageBubble.SenderName), SenderOf(m));
                builder.AddComponentParameter(10, nameof(MessageBubble.Actions), actionsOn);
                if (m.Status == MessageStatus.FAILED && retryCallback.HasDelegate)
                    builder.AddComponentParameter(11, nameof(MessageBubble.OnRetry), retryCallback);
                if (m.MediaStatus == MediaStatus.FAILED)
                    builder.AddComponentParameter(12, nameof(MessageBubble.OnRetryMedia), retryMediaCallback);
                builder.CloseComponent();
            }
        }
    }

    protected override void OnInitialized()
    {
        // Resending a failed message is an admin's decision (as the failed-messages API); others see the error.
        retryCallback = Actor.AtLeast(UserRole.ADMIN) ? EventCallback.Factory.Create<MessageDto>(this, RetryAsync) : default;
        retryMediaCallback = EventCallback.Factory.Create<MessageDto>(this, RetryMediaAsync);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (loadedId == ConversationId) return;
        loadedId = ConversationId;
        await DisposeSubscriptionsAsync();
        (conversation, messages, olderCursor, replyingTo, notFound, scrollToEnd, customerTypingShown, receivedSinceReload) = (null, [], null, null, false, true, false, false);
        try
        {
            conversation = await Conversations.GetAsync(Actor, ConversationId);
            var page = await MessagePages.PageAsync(Actor, ConversationId, null, PageSize);
            messages = page.Items.Reverse().ToList();
            olderCursor = page.NextCursor;
        }
        catch (InboxException e) when (e.StatusCode == 404)
        {
            notFound = true;
            return;
        }
        if (!RendererInfo.IsInteractive) return;
        events = Bus.Subscribe(Actor.Org, OnEventAsync);
        presence = Presence.Subscribe(Actor.Org, OnPresence);
        Presence.View(PresenceKey, ConversationId);
        viewers = Others(Presence.Viewers(Actor.Org, ConversationId));
        if (conversation.UnreadCount > 0) conversation = await Conversations.MarkReadAsync(Actor, ConversationId);
    }

    /// <summary>
    /// Runs after every render, and renders can finish while an earlier call still awaits the browser: each step takes its
    /// field before awaiting, so two calls never restore, dispose or observe twice. The state it reads may be newer than
    /// the render it follows, so element references are checked in the browser before they are used.
    /// </summary>
    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!RendererInfo.IsInteractive || conversation is null) return;
        module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./inbox.js");
        self ??= DotNetObjectReference.Create(this);
        if (actionsFor != loadedId)
        {
            // False when this call follows a render without the list (still loading): the next render tries again.
            var forId = loadedId;
            if (await module.InvokeAsync<bool>("attachBubbleActions", scroller, self) && forId == loadedId && conversation is not null)
            {
                actionsFor = forId;
                StateHasChanged();
            }
        }
        if (keptScroll is { } kept)
        {
            keptScroll = null;
            await kept.InvokeVoidAsync("restore");
            await kept.DisposeAsync();
        }
        // This call may belong to a render from before the thread was loaded (the state changed while it awaited the
        // browser): then the list is not in the page yet, and the scroll waits for the next render.
        if (scrollToEnd)
        {
            scrollToEnd = false;
            if (!await module.InvokeAsync<bool>("scrollToBottom", scroller)) scrollToEnd = true;
        }
        if (olderCursor is not null && olderObserver is null && !observing)
        {
            observing = true;
            var forId = loadedId;
            try
            {
                if (!await module.InvokeAsync<bool>("isLive", topSentinel)) return;
                var observer = await module.InvokeAsync<IJSObjectReference>("observe", topSentinel, self, nameof(LoadOlderFromScrollAsync));
                if (forId == loadedId) olderObserver = observer;
                else
                {
                    // Another conversation opened meanwhile: drop this one and render again to observe the new list.
                    await observer.InvokeVoidAsync("dispose");
                    StateHasChanged();
                }
            }
            finally
            {
                observing = false;
            }
        }
    }

    [JSInvokable]
    public Task LoadOlderFromScrollAsync() => InvokeAsync(LoadOlderAsync);

    private async Task LoadOlderAsync()
    {
        // The sentinel and the button can both ask while a page is on its way: one page at a time.
        if (olderCursor is null || module is null || loadingOlder) return;
        loadingOlder = true;
        try
        {
            var page = await MessagePages.PageAsync(Actor, ConversationId, olderCursor, PageSize);
            keptScroll = await module.InvokeAsync<IJSObjectReference>("rememberScroll", scroller);
            var known = messages.Select(m => m.Id).ToHashSet();
            messages.InsertRange(0, page.Items.Reverse().Where(m => known.Add(m.Id)));
            olderCursor = page.NextCursor;
            if (olderCursor is null) await DisposeObserverAsync();
        }
        finally
        {
            loadingOlder = false;
        }
        StateHasChanged();
    }

    /// <summary>
    /// Anything committed about this conversation: re-read it and the newest page, merged into what is loaded. New bubbles
    /// keep the thread at the bottom only if the reader is there: the browser pins it (see <c>scrollToBottom</c> in inbox.js).
    /// </summary>
    /// <summary>
    /// Reloads the newest page and the conversation on each of its events. The reloads overlap (each awaits the database
    /// and lets the next event in) and finish in any order: each takes a number and only the latest one started applies
    /// what it read, so an older read that finishes last cannot bring back a state that a newer one already replaced (a
    /// download still "arriving", a message shown again after it was hidden). What an event asks of the reload that
    /// applies (a customer's message: hide "typing…" and mark it read) is kept until one does.
    /// </summary>
    private async Task OnEventAsync(InboxEvent e)
    {
        if (e.ConversationId != ConversationId) return;
        await InvokeAsync(async () =>
        {
            var forId = e.ConversationId;
            if (forId != loadedId) return;
            var reload = ++reloads;
            if (e is MessageReceived) receivedSinceReload = true;
            try
            {
                var page = await MessagePages.PageAsync(Actor, forId, null, PageSize);
                var read = await Conversations.GetAsync(Actor, forId);
                // A later reload started meanwhile, or another conversation was opened: that one shows the newer state.
                if (reload != reloads || forId != loadedId) return;
                var fresh = page.Items.ToDictionary(m => m.Id);
                var merged = new List<MessageDto>(messages.Count + fresh.Count);
                foreach (var m in messages) merged.Add(fresh.Remove(m.Id, out var updated) ? updated : m);
                merged.AddRange(fresh.Values);
                merged.Sort(ByTime);
                messages = merged;
                if (receivedSinceReload)
                {
                    receivedSinceReload = false;
                    customerTypingShown = false;
                    // The agent is looking at it: what arrives while the thread is open is read.
                    if (read.UnreadCount > 0) read = await Conversations.MarkReadAsync(Actor, forId);
                    if (reload != reloads || forId != loadedId) return;
                }
                conversation = read;
                StateHasChanged();
            }
            catch (InboxException)
            {
                // Gone meanwhile (another organization's id cannot reach here): the next navigation shows it.
            }
        });
    }

    private void OnPresence(PresenceChange change)
    {
        if (change is not ConversationViewersChanged v || v.ConversationId != ConversationId) return;
        _ = InvokeAsync(() =>
        {
            viewers = Others(v.Viewers);
            StateHasChanged();
        });
    }

    private static int ByTime(MessageDto a, MessageDto b)
    {
        var byTimestamp = a.Timestamp.CompareTo(b.Timestamp);
        return byTimestamp != 0 ? byTimestamp : a.Id.CompareTo(b.Id);
    }

    private List<ConversationViewer> Others(IReadOnlyList<ConversationViewer> all) => all.Where(v => v.UserId != Actor.UserId).ToList();

    private MessageDto? QuotedFor(MessageDto m) =>
        m.ReplyToWaMessageId is { } wamid ? messages.FirstOrDefault(x => x.WaMessageId == wamid) : null;

    private string? SenderOf(MessageDto m) =>
        m.Direction == MessageDirection.OUTBOUND && m.SentById is { } id ? Members.FirstOrDefault(u => u.Id == id)?.Name ?? "Agent" : null;

    /// <summary>Another agent's reply in the last minute (the composer asks before sending over it).</summary>
    private MessageDto? RecentOtherReply() => messages.LastOrDefault(m => m.Direction == MessageDirection.OUTBOUND && m.SentById is { } by
        && by != Actor.UserId && DateTimeOffset.UtcNow - (m.SentAt ?? m.CreatedAt) < TimeSpan.FromMinutes(1));

    /// <summary>A bubble's Reply or quick reaction, reported by the browser (<c>attachBubbleActions</c> in inbox.js).</summary>
    [JSInvokable]
    public Task BubbleActionAsync(string messageId, string action, string? emoji) => InvokeAsync(async () =>
    {
        if (!Guid.TryParse(messageId, out var id) || messages.Find(m => m.Id == id) is not { } message) return;
        switch (action)
        {
            case "reply":
                ReplyTo(message);
                StateHasChanged();
                break;
            case "react" when emoji is not null && MessageBubble.QuickReactions.Contains(emoji):
                await ReactAsync(message, emoji);
                break;
        }
    });

    private void ReplyTo(MessageDto m)
    {
        replyingTo = m;
        _ = composer?.FocusAsync();
    }

    public Task FocusComposerAsync(string? text = null) => composer?.FocusAsync(text) ?? Task.CompletedTask;

    /// <summary>The resolve shortcut: as the Resolve button, with its Undo.</summary>
    public Task ResolveAsync() => actions?.ResolveAsync() ?? Task.CompletedTask;

    private Task RetryAsync(MessageDto m) => RunAsync(() => Sender.RetryAsync(Actor, m.Id));
    private Task RetryMediaAsync(MessageDto m) => RunAsync(() => Media.RetryAsync(Actor, m.Id));
    private Task ReactAsync(MessageDto message, string emoji) => RunAsync(() => Reactions.ReactAsync(Actor, message.Id, emoji));

    private Task OnConversationChangedAsync(ConversationDto updated)
    {
        conversation = updated;
        return Task.CompletedTask;
    }

    private Task OnSentAsync()
    {
        replyingTo = null;
        scrollToEnd = true;
        return Task.CompletedTask;
    }

    private void OnTyping()
    {
        Presence.Typing(PresenceKey, ConversationId);
        // WhatsApp shows the customer "typing…" too, with the read receipt of their newest message: once per message
        // that arrived, not on every keystroke report.
        if (customerTypingShown) return;
        customerTypingShown = true;
        _ = TypingAsync();
    }

    private async Task TypingAsync()
    {
        try
        {
            await Conversations.TypingAsync(Actor, ConversationId);
        }
        catch (InboxException)
        {
            // The conversation went away meanwhile: nothing to show the customer.
        }
    }

    private async Task RunAsync(Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (InboxException e)
        {
            Snackbar.Add(e.Message, Severity.Error);
        }
    }

    private async Task DisposeObserverAsync()
    {
        if (olderObserver is not { } observer) return;
        olderObserver = null;
        try
        {
            await observer.InvokeVoidAsync("dispose");
            await observer.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The browser left.
        }
    }

    private async Task DisposeSubscriptionsAsync()
    {
        events?.Dispose();
        presence?.Dispose();
        events = presence = null;
        await DisposeObserverAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DisposeSubscriptionsAsync();
        Presence.Leave(PresenceKey, ConversationId);
        var m = module;
        module = null;
        try
        {
            if (m is not null) await m.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The browser left.
        }
        self?.Dispose();
    }
}

using System.Globalization;
using InboxApp.Core.Conversations;
using InboxApp.Core.Identity;
using InboxApp.Core.Realtime;
using InboxApp.Core.Tags;
using InboxApp.Core.Teams;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace InboxApp.Features.Inbox;

/// <summary>
/// The conversation list: status tabs with live counts, filters, sub-filter pills, search and sort, keyset pages loaded as
/// the reader scrolls. Committed inbox events refresh it (debounced), so every open browser stays current.
/// </summary>
public partial class ConversationListPane : IAsyncDisposable
{
    /// <summary>A status tab; <see cref="Active"/> is every status but CLOSED.</summary>
    private sealed record Tab(string Key, ConversationStatus? Status, string Label, bool Active = false);
    private sealed record SortOption(ConversationSort Sort, string Label);

    private static readonly Tab[] Tabs =
    [
        new("ACTIVE", null, "Active", Active: true), new("OPEN", ConversationStatus.OPEN, "Open"), new("HUMAN_HANDLING", ConversationStatus.HUMAN_HANDLING, "With agents"),
        new("BOT_HANDLING", ConversationStatus.BOT_HANDLING, "With bot"), new("WAITING_FOR_CUSTOMER", ConversationStatus.WAITING_FOR_CUSTOMER, "Waiting"),
        new("CLOSED", ConversationStatus.CLOSED, "Resolved"), new("ALL", null, "All"),
    ];

    private static readonly SortOption[] Sorts =
    [
        new(ConversationSort.newest, "Newest"), new(ConversationSort.oldest, "Oldest"), new(ConversationSort.waiting_longest, "Waiting longest"),
        new(ConversationSort.created_newest, "Created, newest"), new(ConversationSort.created_oldest, "Created, oldest"),
    ];

    private const int PageSize = 50;
    private static readonly TimeSpan RefreshDelay = TimeSpan.FromMilliseconds(120);

    [Parameter, EditorRequired] public Actor Actor { get; set; } = default!;
    [Parameter] public Guid? SelectedId { get; set; }
    [Parameter] public TimeZoneInfo TimeZone { get; set; } = TimeZoneInfo.Utc;
    /// <summary>The rows shown, in order, whenever they change (for next/previous shortcuts and the tab title).</summary>
    [Parameter] public EventCallback<IReadOnlyList<ConversationDto>> OnItemsChanged { get; set; }
    /// <summary>How many conversations of the current filters are unread (the tab title shows it).</summary>
    [Parameter] public EventCallback<int> OnUnreadChanged { get; set; }

    [Inject] private ConversationQueryService Query { get; set; } = default!;
    [Inject] private TeamService TeamService { get; set; } = default!;
    [Inject] private TagService TagService { get; set; } = default!;
    [Inject] private IInboxEventBus Bus { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;

    private Tab tab = Tabs[0];
    private string assigned = "";
    private ConversationSort sort = ConversationSort.newest;
    private ConversationSubFilter? subFilter;
    private string? search;
    private Guid? teamId;
    private Guid? tagId;
    private string? category;

    private List<ConversationDto> items = [];
    private string? nextCursor;
    private bool loaded;
    private ConversationCounts counts = new(0, 0, 0);
    private Dictionary<string, int> tabCounts = [];
    private bool tabCountsComplete = true;
    private IReadOnlyList<TeamDto> teams = [];
    private IReadOnlyList<TagDto> tags = [];
    private IReadOnlyList<string> categories = [];

    private IDisposable? subscription;
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private int refreshQueued;
    private ElementReference sentinel;
    private IJSObjectReference? module;
    private IJSObjectReference? observer;
    private DotNetObjectReference<ConversationListPane>? self;
    private bool observedSentinel;

    protected override async Task OnInitializedAsync()
    {
        teams = (await TeamService.ListAsync(Actor, includeInactive: false)).ToList();
        tags = await TagService.ListAsync(Actor);
        categories = await Query.CategoriesAsync(Actor);
        await ReloadAsync(PageSize);
        if (RendererInfo.IsInteractive) subscription = Bus.Subscribe(Actor.Org, OnEventAsync);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!RendererInfo.IsInteractive) return;
        if (firstRender)
        {
            module = await JS.InvokeAsync<IJSObjectReference>("import", "./inbox.js");
            self = DotNetObjectReference.Create(this);
        }
        // The sentinel exists only while there is a next page; observe it each time it (re)appears. The flag is set before
        // awaiting (a render may finish meanwhile and call again); when this call follows a render from before the next
        // page was known, the sentinel is not in the page yet and the next render observes it.
        var hasSentinel = nextCursor is not null;
        if (hasSentinel && !observedSentinel && module is not null)
        {
            observedSentinel = true;
            if (await module.InvokeAsync<bool>("isLive", sentinel))
                observer = await module.InvokeAsync<IJSObjectReference>("observe", sentinel, self, nameof(LoadMoreFromScrollAsync));
            else
                observedSentinel = false;
        }
        else if (!hasSentinel && observedSentinel)
        {
            await DisposeObserverAsync();
        }
    }

    private ConversationFilter Filter() => FilterFor(tab);

    private ConversationFilter FilterFor(Tab statusTab) => new ConversationFilter(
        statusTab.Status,
        assigned switch { "me" => new AssigneeFilter(false, Actor.UserId), "unassigned" => new AssigneeFilter(true, null), _ => null },
        teamId, category, tagId, null, string.IsNullOrWhiteSpace(search) ? null : search.Trim(), subFilter) { ActiveOnly = statusTab.Active };

    /// <summary>Reloads the first <paramref name="take"/> rows (what the reader has scrolled through, up to 200) and the counts.</summary>
    private async Task ReloadAsync(int take)
    {
        var filter = Filter();
        var page = await Query.ListAsync(Actor, filter, sort, null, Math.Clamp(take, PageSize, 200));
        items = page.Items.ToList();
        nextCursor = page.NextCursor;
        // The rows first (what agents wait for), then the counts.
        if (loaded) StateHasChanged();
        counts = await Query.CountsAsync(Actor, filter);
        await OnUnreadChanged.InvokeAsync(counts.Unread);
        var statusCounts = await Query.CountsByStatusAsync(Actor, filter);
        var byStatus = statusCounts.ByStatus;
        tabCounts = Tabs.ToDictionary(t => t.Key, t => t.Status is { } s ? byStatus.GetValueOrDefault(s)
            : byStatus.Where(p => !t.Active || p.Key != ConversationStatus.CLOSED).Sum(p => p.Value));
        tabCountsComplete = statusCounts.Complete;
        loaded = true;
        await OnItemsChanged.InvokeAsync(items);
    }

    [JSInvokable]
    public Task LoadMoreFromScrollAsync() => InvokeAsync(LoadMoreAsync);

    private async Task LoadMoreAsync()
    {
        if (nextCursor is null) return;
        var page = await Query.ListAsync(Actor, Filter(), sort, nextCursor, PageSize);
        var known = items.Select(i => i.Id).ToHashSet();
        items.AddRange(page.Items.Where(i => known.Add(i.Id)));
        nextCursor = page.NextCursor;
        await OnItemsChanged.InvokeAsync(items);
        StateHasChanged();
    }

    /// <summary>Events come in bursts (a webhook batch): one refresh runs at a time and one more is queued behind it at most.</summary>
    private async Task OnEventAsync(InboxEvent e)
    {
        if (Interlocked.Exchange(ref refreshQueued, 1) == 1) return;
        await refreshing.WaitAsync();
        try
        {
            await Task.Delay(RefreshDelay);
            Interlocked.Exchange(ref refreshQueued, 0);
            await InvokeAsync(async () =>
            {
                await ReloadAsync(items.Count);
                StateHasChanged();
            });
        }
        catch (ObjectDisposedException)
        {
            // The circuit closed while the refresh waited.
        }
        finally
        {
            refreshing.Release();
        }
    }

    private Task SetTabAsync(Tab value) => Change(() => tab = value);
    private Task SetSubFilterAsync(ConversationSubFilter? value) => Change(() => subFilter = value);
    private Task OnSearchAsync(string? value) => Change(() => search = value);
    private Task OnAssignedAsync(string? value) => Change(() => assigned = value ?? "");
    private Task OnSortAsync(ConversationSort value) => Change(() => sort = value);
    private Task OnTeamAsync(string? value) => Change(() => teamId = Guid.TryParse(value, out var id) ? id : null);
    private Task OnTagAsync(string? value) => Change(() => tagId = Guid.TryParse(value, out var id) ? id : null);
    private Task OnCategoryAsync(string? value) => Change(() => category = string.IsNullOrEmpty(value) ? null : value);

    // What the pickers show for their value (Mud shows the value's text, not the item's).
    private static string AssignedLabel(string? value) => value switch { "me" => "Mine", "unassigned" => "Unassigned", _ => "Everyone" };
    private static string SortLabel(ConversationSort value) => Sorts.FirstOrDefault(s => s.Sort == value)?.Label ?? value.ToString();
    private string TeamLabel(string? value) => teams.FirstOrDefault(t => t.Id.ToString() == value)?.Name ?? "All teams";
    private string TagLabel(string? value) => tags.FirstOrDefault(t => t.Id.ToString() == value)?.Name ?? "All tags";
    private static string CategoryLabel(string? value) => string.IsNullOrEmpty(value) ? "All categories" : value;

    /// <summary>Whether the pickers show on a phone (they always show on wider screens).</summary>
    private bool filtersOpen;

    /// <summary>How many pickers are away from their default, for the phone's "Filters (n)" button.</summary>
    private int PickersActive => (assigned != "" ? 1 : 0) + (sort != ConversationSort.newest ? 1 : 0) + (teamId is not null ? 1 : 0)
        + (tagId is not null ? 1 : 0) + (category is not null ? 1 : 0);

    /// <summary>Any filter beyond the default Active tab: the search, the pickers or a pill.</summary>
    private bool FiltersActive => tab != Tabs[0] || assigned != "" || subFilter is not null || !string.IsNullOrWhiteSpace(search)
        || teamId is not null || tagId is not null || category is not null;

    /// <summary>No filter and no conversation in any status (the All tab counts them): a new organization, shown its next step.</summary>
    private bool NoConversationsYet => !FiltersActive && tabCountsComplete && tabCounts.GetValueOrDefault("ALL") == 0;

    private async Task Change(Action apply)
    {
        apply();
        await ReloadAsync(PageSize);
    }

    private async Task DisposeObserverAsync()
    {
        observedSentinel = false;
        if (observer is null) return;
        try
        {
            await observer.InvokeVoidAsync("dispose");
            await observer.DisposeAsync();
        }
        catch (JSDisconnectedException)
        {
            // The browser is gone.
        }
        observer = null;
    }

    public async ValueTask DisposeAsync()
    {
        subscription?.Dispose();
        await DisposeObserverAsync();
        if (module is not null)
        {
            try
            {
                await module.DisposeAsync();
            }
            catch (JSDisconnectedException)
            {
                // The browser is gone.
            }
        }
        self?.Dispose();
    }

    /// <summary>A count as shown: "200+" when a search for a frequent term stopped counting (the figure is a lower bound).</summary>
    private static string Count(int value, bool complete) => value.ToString(CultureInfo.CurrentCulture) + (complete ? "" : "+");
}

using InboxApp.Auth;
using InboxApp.Core.Channels.Sandbox;
using InboxApp.Core.Common;
using InboxApp.Core.Identity;
using InboxApp.Core.Messaging;
using InboxApp.Core.Realtime;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;

namespace InboxApp.Features.Sandbox;

/// <summary>The sandbox simulator: play the customer of a sandbox number, reply as the business and watch the ticks live.</summary>
public partial class SandboxPage
{
    [CascadingParameter] private Task<AuthenticationState>? AuthState { get; set; }
    [Inject] private SandboxService Sandbox { get; set; } = default!;
    [Inject] private SandboxSimulator Simulator { get; set; } = default!;
    [Inject] private IInboxEventBus Bus { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;

    private Actor? actor;
    private bool isAdmin;
    private bool busy;
    private IDisposable? subscription;
    private IReadOnlyList<SandboxNumberDto> numbers = [];
    private IReadOnlyList<SandboxConversationDto> conversations = [];
    private IReadOnlyList<MessageDto> messages = [];
    private Guid? numberId;
    private Guid? conversationId;
    private string? newName;
    private string? newPhone;
    private string? newText;
    private bool failNext;
    private SandboxReplyOptions? options;

    protected override async Task OnInitializedAsync()
    {
        actor = (await AuthState!).User.ToActor();
        isAdmin = actor.AtLeast(UserRole.ADMIN);
        if (!isAdmin || actor.OrganizationId is null) return;
        await LoadNumbersAsync();
        if (RendererInfo.IsInteractive) subscription = Bus.Subscribe(actor.Org, OnEventAsync);
    }

    private async Task OnEventAsync(InboxEvent e)
    {
        await InvokeAsync(async () =>
        {
            if (numberId is not null) conversations = await Sandbox.ListConversationsAsync(actor!, numberId.Value);
            if (e.ConversationId == conversationId) await LoadMessagesAsync();
            StateHasChanged();
        });
    }

    private async Task LoadNumbersAsync()
    {
        numbers = await Sandbox.ListNumbersAsync(actor!);
        numberId ??= numbers.FirstOrDefault()?.Id;
        if (numberId is not null) conversations = await Sandbox.ListConversationsAsync(actor!, numberId.Value);
    }

    private async Task LoadMessagesAsync()
    {
        if (conversationId is not { } id) return;
        try
        {
            messages = await Sandbox.MessagesAsync(actor!, id);
            failNext = (await Sandbox.ArmedFailuresAsync(actor!, id)).Count > 0;
            options = await Sandbox.ReplyOptionsAsync(actor!, id);
        }
        catch (InboxException)
        {
            conversationId = null;
            messages = [];
            options = null;
        }
    }

    private Task CreateNumberAsync() => RunAsync(async () =>
    {
        await Sandbox.CreateNumberAsync(actor!, null);
        await LoadNumbersAsync();
    });

    private string NumberName(Guid? id) => numbers.FirstOrDefault(n => n.Id == id) is { } n ? $"{n.DisplayPhoneNumber} · {n.Alias}" : "";

    private async Task OnNumberAsync(Guid? id)
    {
        numberId = id;
        conversationId = null;
        messages = [];
        if (numberId is not null) conversations = await Sandbox.ListConversationsAsync(actor!, numberId.Value);
    }

    private async Task SelectAsync(Guid id)
    {
        conversationId = id;
        await LoadMessagesAsync();
    }

    private Task StartAsync() => RunAsync(async () =>
    {
        if (string.IsNullOrWhiteSpace(newText)) throw InboxException.Invalid("text", "Type the customer's first message");
        var contact = new SimulatedContact(string.IsNullOrWhiteSpace(newName) ? null : newName, string.IsNullOrWhiteSpace(newPhone) ? null : newPhone, null, null);
        var result = await Simulator.SimulateConversationAsync(actor!, new SimulatedConversation(numberId, contact, [SimulatedContent.OfText(newText!)]));
        newName = newPhone = newText = null;
        conversations = await Sandbox.ListConversationsAsync(actor!, numberId!.Value);
        await SelectAsync(result.ConversationId);
    });

    /// <summary>After the customer sent something: follow the conversation it landed in (a new one when the old one was closed).</summary>
    private async Task OnCustomerSentAsync(Guid landedIn)
    {
        conversationId = landedIn;
        if (numberId is not null) conversations = await Sandbox.ListConversationsAsync(actor!, numberId.Value);
        await LoadMessagesAsync();
    }

    private async Task CleanupAsync()
    {
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete sandbox conversations",
            "Delete every conversation, message and contact of this organization's sandbox numbers? WhatsApp data is never touched.", yesText: "Delete", cancelText: "Cancel");
        if (confirmed == true) await CleanupConfirmedAsync();
    }

    private Task CleanupConfirmedAsync() => RunAsync(async () =>
    {
        var result = await Sandbox.CleanupAsync(actor!);
        conversationId = null;
        messages = [];
        await LoadNumbersAsync();
        Snackbar.Add($"Sandbox cleaned: {result.Conversations} conversations and {result.Messages} messages deleted", Severity.Success);
    });

    private async Task RunAsync(Func<Task> action)
    {
        busy = true;
        try
        {
            await action();
        }
        catch (InboxException e)
        {
            Snackbar.Add("Not done: " + e.Message, Severity.Error);
            await LoadMessagesAsync();
        }
        finally
        {
            busy = false;
        }
    }

    public void Dispose() => subscription?.Dispose();
}

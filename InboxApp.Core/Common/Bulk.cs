using System.ComponentModel.DataAnnotations;

namespace InboxApp.Core.Common;

/// <summary>
/// What a bulk action applies to: explicit <see cref="Ids"/>, or every row matching <see cref="Filter"/> when
/// <see cref="Ids"/> is null. The API body is <c>{ mode: "ids", ids }</c> or <c>{ mode: "all", …filter fields }</c>.
/// </summary>
public sealed record BulkSelection<TFilter>(IReadOnlyList<Guid>? Ids, TFilter? Filter = null) where TFilter : class;

/// <summary>A selected row the action left alone, and why (for example <c>NOT_FOUND</c>).</summary>
public sealed record BulkSkip(Guid Id, string Reason);

public sealed record BulkActionResult(int Affected, IReadOnlyList<BulkSkip> Skipped);

/// <summary>The checks every bulk request body shares.</summary>
public static class BulkSelectionRules
{
    public const string IdsMode = "ids";
    public const string AllMode = "all";
    public const string NotFound = "NOT_FOUND";

    /// <summary>The mode must be <c>ids</c> or <c>all</c>; <c>ids</c> must list at least one <paramref name="noun"/>.</summary>
    public static IEnumerable<ValidationResult> Validate(string? mode, IReadOnlyCollection<Guid>? ids, string noun)
    {
        if (mode is not (IdsMode or AllMode))
            yield return new ValidationResult("selection.mode must be ids or all", ["selection.mode"]);
        else if (mode == IdsMode && (ids is null || ids.Count == 0))
            yield return new ValidationResult($"selection.ids must list at least one {noun}", ["selection.ids"]);
    }
}

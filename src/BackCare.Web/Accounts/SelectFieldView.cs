namespace BackCare.Web.Accounts;

/// <summary>One choice of a select field: what is sent, and what a person reads.</summary>
public sealed record SelectOption(string Value, string Text);

/// <summary>One labelled select of a form (<c>_SelectField</c>), with its hint and its error (if any), like <see cref="FieldView"/>.</summary>
public sealed record SelectFieldView(string Field, string Label, IReadOnlyList<SelectOption> Options, string? Selected, string? Error, string? Hint = null);

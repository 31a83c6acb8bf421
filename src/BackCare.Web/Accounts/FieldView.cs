namespace BackCare.Web.Accounts;

/// <summary>One labelled input of an account form, with its hint and its error (if any).</summary>
public sealed record FieldView(string Field, string Label, string Type, string? Value, string Autocomplete, string? Error, string? Hint = null);

namespace BackCare.Web.Accounts;

/// <summary>
/// A form's errors, in the order of its fields: shown together in the summary at the top (each a link to its
/// field) and again beside each field.
/// </summary>
public sealed class FormErrors
{
    private readonly List<KeyValuePair<string, string>> _errors = [];

    public bool Any => _errors.Count > 0;

    public IReadOnlyList<KeyValuePair<string, string>> All => _errors;

    public void Add(string field, string message)
    {
        if (For(field) is null)
        {
            _errors.Add(KeyValuePair.Create(field, message));
        }
    }

    public string? For(string field) => _errors.FirstOrDefault(e => e.Key == field).Value;

    /// <summary>The page title gets "Error: " in front when the form has errors, so a screen reader hears it first.</summary>
    public string Title(string title) => Any ? "Error: " + title : title;
}

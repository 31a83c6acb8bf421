using BackCare.Web.Text;

namespace BackCare.Web.Accounts;

/// <summary>One problem with a form: the field it is about, what to do, and the id of the input the summary links to.</summary>
public sealed record FormError(string Field, string Message, string Target);

/// <summary>A link a form's error summary may offer besides its problems.</summary>
public sealed record FormLink(string Href, string Text);

/// <summary>
/// A form's errors, in the order of its fields: shown together in the summary at the top (each a link to its
/// field) and again beside each field. Every form of the site shows them this way (_FormErrorSummary, _FieldError).
/// </summary>
public sealed class FormErrors
{
    private readonly List<FormError> _errors = [];

    public bool Any => _errors.Count > 0;

    public IReadOnlyList<FormError> All => _errors;

    /// <summary>Another way on, offered in the summary after the problems ("answer the questions instead"), or null.</summary>
    public FormLink? Instead { get; set; }

    /// <summary>
    /// Adds the first problem of a field; <paramref name="target"/> is the input the summary links to when it is not
    /// the field itself (the first radio button of a group, say).
    /// </summary>
    public void Add(string field, string message, string? target = null)
    {
        if (Of(field) is null)
        {
            _errors.Add(new FormError(field, message, target ?? field));
        }
    }

    public FormError? Of(string field) => _errors.FirstOrDefault(e => e.Field == field);

    public string? For(string field) => Of(field)?.Message;

    /// <summary>The page title gets "Error: " in front when the form has errors, so a screen reader hears it first.</summary>
    public string Title(string title) => Any ? PageText.English["error_prefix"] + " " + title : title;
}

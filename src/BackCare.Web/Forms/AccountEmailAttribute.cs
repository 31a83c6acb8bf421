using System.ComponentModel.DataAnnotations;
using BackCare.Data.Accounts;

namespace BackCare.Web.Forms;

/// <summary>
/// An email address as the accounts check it (<see cref="AccountService.IsValidEmail"/>), so a form never accepts an
/// address sign-up would refuse. A blank field passes: whether it is needed is <see cref="RequiredAttribute"/>'s to say.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class AccountEmailAttribute : ValidationAttribute
{
    public override bool IsValid(object? value) =>
        value is not string email || string.IsNullOrWhiteSpace(email) || AccountService.IsValidEmail(email);
}

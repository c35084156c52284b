"""GOV.UK-pattern forms of the Astana Hub app, one module per area."""

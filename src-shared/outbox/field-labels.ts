/** Field names as a merchant reads them, in the UI and in the edit history. */
export const FIELD_LABELS: Record<string, string> = {
  first_name: 'First name',
  last_name: 'Last name',
  email: 'Email',
  phone: 'Phone',
  billing_address1: 'Address',
  billing_address2: 'Address line 2',
  billing_zip: 'ZIP / postal code',
  billing_city: 'City',
  billing_company: 'Company',
  billing_province: 'State / province',
  billing_country: 'Country',
  billing_phone: 'Billing phone',
  address1: 'Address',
  address2: 'Address line 2',
  zip: 'ZIP / postal code',
  city: 'City',
  company: 'Company',
  province: 'State / province',
  country: 'Country',
  processor: 'Processor',
  stripe_customer_token: 'Stripe customer token',
  braintree_customer_token: 'Braintree customer token',
  paypal_customer_token: 'PayPal customer token',
  authorizedotnet_customer_token: 'Authorize.Net customer token',
  payment_token: 'Payment token',
  payment_method_token: 'Payment method token',
  payment_method: 'Payment method',
};

export function fieldLabel(field: string): string {
  if (field === 'address:new') return 'New delivery address';
  if (field.startsWith('address:')) return 'Delivery address';
  return FIELD_LABELS[field] ?? field.replaceAll('_', ' ');
}

/** A 2021-11 POST /payment_methods body the sandbox takes, but for its `customer_id`. */
export const VALID_METHOD = {
  payment_type: 'CREDIT_CARD',
  processor_name: 'stripe',
  processor_customer_token: 'cus_Q1w2e3r4t5y6u7',
  processor_payment_method_token: 'pm_1N3T00LkdIwHu7ix',
};

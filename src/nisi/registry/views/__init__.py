"""Pages of the register: public search, the applicant's application, the officers' and the commission's work."""

"""State incentive measures for industrial and innovative activity (IP-25 … IP-42): the catalogue of measures and
their operators (IP-13, IP-29), the list of priority goods (IP-26), one-stop-shop applications checked against the
conditions of IP-25.5 and the register of Kazakhstani commodity producers as it stood on the application date,
counter-obligations and refunds (IP-27), agreements on increasing competitiveness (IP-28) and industrial grants
(IP-42)."""

from ninja import Router

router = Router(tags=["Eurasian register of industrial goods"])

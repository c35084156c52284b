from ninja import Router

router = Router(tags=["Needs of industry"])
